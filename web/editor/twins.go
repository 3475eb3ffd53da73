package editor

import (
	"context"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/lang"
	"github.com/los-bot/los/web"
	"github.com/los-bot/los/web/markdown"
)

// Twins: an article in the other standards, side by side, linking and
// unlinking them, and drafts made by machine translation (kb/twins.go).

// twinJSON is one article of a translation group in the editor API.
type twinJSON struct {
	articleJSON
	HTML          template.HTML `json:"html"` // the working copy, rendered and sanitized
	LastPublished *time.Time    `json:"last_published,omitempty"`
	// MachineDraft is true when the working copy is an unedited machine
	// translation: read it before publishing.
	MachineDraft bool `json:"machine_draft"`
	// Newer is the twin published after this one last was: this one may
	// lack what changed there.
	Newer *twinRef `json:"newer,omitempty"`
}

type twinRef struct {
	Slug          string    `json:"slug"`
	Title         string    `json:"title"`
	Lang          string    `json:"lang"`
	LastPublished time.Time `json:"last_published"`
}

// twinsJSON is the answer of GET /api/v1/articles/{slug}/twins.
type twinsJSON struct {
	Group string `json:"group,omitempty"`
	// Twins are the group's articles, the one asked about first; only it
	// when it has no twins.
	Twins []twinJSON `json:"twins"`
	// Drafts are the standards a machine-translated draft twin can be
	// made in; Unavailable says why none can be made now, if so.
	Drafts      []string `json:"drafts"`
	Unavailable string   `json:"unavailable,omitempty"`
	// Candidates are the articles that can be linked as a twin.
	Candidates []twinRef `json:"candidates"`
}

// getTwins: GET /api/v1/articles/{slug}/twins.
func (ed *editor) getTwins(c echo.Context) error {
	out, err := ed.twins(c, c.Param("slug"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// linkTwin: POST /api/v1/articles/{slug}/twins {"twin"} makes the two
// articles twins; customers see the link at once.
func (ed *editor) linkTwin(c echo.Context) error {
	var in struct {
		Twin string `json:"twin"`
	}
	if err := web.DecodeJSON(c, &in, false); err != nil {
		return err
	}
	slug := c.Param("slug")
	err := ed.change(c.Request().Context(), func() ([]string, error) {
		return ed.store.Link(c.Request().Context(), slug, strings.TrimSpace(in.Twin))
	})
	if err != nil {
		return err
	}
	return ed.getTwins(c)
}

// unlinkTwin: DELETE /api/v1/articles/{slug}/twins takes the article out
// of its translation group.
func (ed *editor) unlinkTwin(c echo.Context) error {
	slug := c.Param("slug")
	err := ed.change(c.Request().Context(), func() ([]string, error) {
		return ed.store.Unlink(c.Request().Context(), slug)
	})
	if err != nil {
		return err
	}
	return ed.getTwins(c)
}

func (ed *editor) twins(c echo.Context, slug string) (twinsJSON, error) {
	ctx := c.Request().Context()
	a, err := ed.store.EditorArticle(ctx, slug)
	if err != nil {
		return twinsJSON{}, err
	}
	group, err := ed.store.Twins(ctx, a.Slug)
	if err != nil {
		return twinsJSON{}, err
	}
	if group == nil {
		group = []kb.Twin{{EditorArticle: a}}
	}
	out := twinsJSON{Group: a.Group, Drafts: []string{}, Candidates: []twinRef{}}
	have := map[los.Standard]bool{}
	for _, t := range group {
		have[t.Lang] = true
		j := twinJSON{articleJSON: toArticleJSON(t.EditorArticle, true), MachineDraft: t.DraftTranslated}
		if j.HTML, err = markdown.Render(t.Body); err != nil {
			return twinsJSON{}, err
		}
		if !t.LastPublished.IsZero() {
			p := t.LastPublished
			j.LastPublished = &p
		}
		if n, ok := kb.NewerTwin(t, group); ok {
			j.Newer = &twinRef{Slug: n.Slug, Title: n.Title, Lang: string(n.Lang), LastPublished: n.LastPublished}
		}
		out.Twins = append(out.Twins, j)
	}
	for _, l := range []los.Standard{los.Bokmal, los.Nynorsk} {
		if norwegian(a.Lang) && !have[l] {
			out.Drafts = append(out.Drafts, string(l))
		}
	}
	if len(out.Drafts) > 0 {
		if err := ed.translatorReady(); err != nil {
			out.Unavailable = ed.web.Texts().T(web.RequestLang(c), los.ErrorKey(err))
		}
	}
	out.Candidates, err = ed.candidates(ctx, a, have)
	return out, err
}

// candidates are the articles a can be linked to: in a standard its group
// lacks, and in a group that lacks a's standard.
func (ed *editor) candidates(ctx context.Context, a kb.EditorArticle, have map[los.Standard]bool) ([]twinRef, error) {
	all, err := ed.store.EditorArticles(ctx, false)
	if err != nil {
		return nil, err
	}
	langs := map[string][]los.Standard{}
	for _, x := range all {
		if x.Group != "" {
			langs[x.Group] = append(langs[x.Group], x.Lang)
		}
	}
	out := []twinRef{}
	for _, x := range all {
		if x.Slug == a.Slug || have[x.Lang] || x.Group != "" && (x.Group == a.Group || slices.Contains(langs[x.Group], a.Lang)) {
			continue
		}
		out = append(out, twinRef{Slug: x.Slug, Title: x.Title, Lang: string(x.Lang)})
	}
	return out, nil
}

func norwegian(l los.Standard) bool { return l == los.Bokmal || l == los.Nynorsk }

// translatorReady is nil when drafts can be machine-translated, else a
// *los.Error that says why not.
func (ed *editor) translatorReady() error {
	if ed.tr == nil {
		return &los.Error{Code: los.EUNAVAILABLE, Key: "editor.twins.no_translator", Message: "machine translation is not set up in this Los"}
	}
	if err := ed.tr.Available(); err != nil {
		return &los.Error{Code: los.EUNAVAILABLE, Key: "editor.twins.no_apertium",
			Message: "Apertium is not installed on the server (Debian package apertium-nno-nob): " + err.Error()}
	}
	return nil
}

// translateArticle: POST /api/v1/articles/{slug}/translate {"lang"} makes
// a draft twin in the other Norwegian standard by machine translation of
// the working copy's title, text and keywords. The draft is never
// published by this: an editor reads and publishes it.
func (ed *editor) translateArticle(c echo.Context) error {
	var in struct {
		Lang string `json:"lang"`
	}
	if err := web.DecodeJSON(c, &in, false); err != nil {
		return err
	}
	ctx := c.Request().Context()
	to, ok := lang.Parse(in.Lang)
	if !ok || !norwegian(to) {
		return &los.Error{Code: los.EINVALID, Key: "editor.twins.bad_lang", Message: `send "lang": "nb" or "nn"`}
	}
	src, err := ed.store.EditorArticle(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	if !norwegian(src.Lang) || src.Lang == to {
		return &los.Error{Code: los.EINVALID, Key: "editor.twins.bad_lang",
			Message: "a draft twin is made in the other Norwegian standard than the article's (" + string(src.Lang) + ")"}
	}
	if err := ed.translatorReady(); err != nil {
		return err
	}
	draft, err := ed.translated(ctx, src.Article, to)
	if err != nil {
		ed.web.Log().ErrorContext(ctx, "machine translation of a draft twin failed", "slug", src.Slug, "to", to, "err", err)
		return &los.Error{Code: los.EUNAVAILABLE, Key: "editor.twins.translate_failed", Message: "machine translation failed; try again, or write the twin yourself"}
	}
	var out kb.EditorArticle
	err = ed.change(ctx, func() ([]string, error) {
		for _, slug := range []string{slugify(draft.Title), src.Slug + "-" + string(to)} {
			if slug == "" || slug == src.Slug {
				continue
			}
			draft.Slug = slug
			out, err = ed.store.CreateTwin(ctx, src.Slug, draft, editorName(c))
			if los.ErrorKey(err) != "editor.error.slug_taken" && los.ErrorKey(err) != "editor.error.slug_in_bin" {
				break
			}
		}
		return []string{src.Slug}, err
	})
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/articles/"+out.Slug)
	return c.JSON(http.StatusCreated, toArticleJSON(out, true))
}

// translated is a in standard to, by machine translation: title, body,
// keywords and example questions. The questions come along because the
// twin is searched on its own wording too, and a Nynorsk customer asks
// in Nynorsk what a Bokmål one asks in Bokmål; like the rest of the
// draft, an editor reads them (they are in the form) before publishing.
// Questions in English or already in standard to pass through the
// translation nearly unchanged.
func (ed *editor) translated(ctx context.Context, a kb.Article, to los.Standard) (kb.Article, error) {
	out := kb.Article{Lang: to}
	for _, f := range []struct {
		dst *string
		src string
	}{{&out.Title, a.Title}, {&out.Body, a.Body}} {
		s, err := ed.tr.Translate(ctx, a.Lang, to, f.src)
		if err != nil {
			return out, err
		}
		*f.dst = s
	}
	if len(a.Tags) > 0 {
		s, err := ed.tr.Translate(ctx, a.Lang, to, strings.Join(a.Tags, "\n"))
		if err != nil {
			return out, err
		}
		out.Tags = strings.Split(s, "\n")
	}
	qs, err := ed.translatedLines(ctx, a.Lang, to, a.Questions)
	if err != nil {
		return out, err
	}
	out.Questions = qs
	return out, nil
}

// translatedLines translates lines (one-line texts) from one standard to
// another, together when the translation keeps the lines apart, else one
// by one; blank and repeated results are left out.
func (ed *editor) translatedLines(ctx context.Context, from, to los.Standard, lines []string) ([]string, error) {
	if len(lines) == 0 {
		return nil, nil
	}
	s, err := ed.tr.Translate(ctx, from, to, strings.Join(lines, "\n"))
	if err != nil {
		return nil, err
	}
	got := strings.Split(s, "\n")
	if len(got) != len(lines) {
		got = got[:0]
		for _, l := range lines {
			t, err := ed.tr.Translate(ctx, from, to, l)
			if err != nil {
				return nil, err
			}
			got = append(got, strings.ReplaceAll(t, "\n", " "))
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, q := range got {
		q = strings.TrimSpace(q)
		if q != "" && !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	return out, nil
}
