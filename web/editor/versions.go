package editor

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/linediff"
)

// versionJSON is one version in the editor API.
type versionJSON struct {
	Version int      `json:"version"`
	Title   string   `json:"title"`
	Body    string   `json:"body,omitempty"`
	Tags    []string `json:"tags"`
	// Questions are the version's example questions.
	Questions []string `json:"questions"`
	Lang      string   `json:"lang"`
	Author    string   `json:"author"`
	// Action is create, save, rollback, import or question (a question
	// added from the content gaps); Source is the version a rollback went
	// back to.
	Action      string     `json:"action"`
	Source      int        `json:"source,omitempty"`
	Created     time.Time  `json:"created"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
	PublishedBy string     `json:"published_by,omitempty"`
	// Live is true for the version customers see now.
	Live bool `json:"live"`
}

func toVersionJSON(v kb.ArticleVersion, live bool, withBody bool) versionJSON {
	out := versionJSON{
		Version: v.Version, Title: v.Title, Tags: v.Tags, Questions: v.Questions, Lang: string(v.Lang), Author: v.Author,
		Action: v.Action, Source: v.Source, Created: v.Created, PublishedBy: v.PublishedBy, Live: live,
	}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	if out.Questions == nil {
		out.Questions = []string{}
	}
	if withBody {
		out.Body = v.Body
	}
	if !v.PublishedAt.IsZero() {
		t := v.PublishedAt
		out.PublishedAt = &t
	}
	return out
}

// listVersions: GET /api/v1/articles/{slug}/versions, newest first.
func (ed *editor) listVersions(c echo.Context) error {
	ctx := c.Request().Context()
	a, err := ed.store.EditorArticle(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	vs, err := ed.store.Versions(ctx, a.Slug)
	if err != nil {
		return err
	}
	out := make([]versionJSON, 0, len(vs))
	for _, v := range vs {
		out = append(out, toVersionJSON(v, a.Published && v.Version == a.PublishedVersion, false))
	}
	return c.JSON(http.StatusOK, map[string]any{"article": toArticleJSON(a, false), "versions": out})
}

// getVersion: GET /api/v1/articles/{slug}/versions/{version}.
func (ed *editor) getVersion(c echo.Context) error {
	ctx := c.Request().Context()
	n, err := strconv.Atoi(c.Param("version"))
	if err != nil || n <= 0 {
		return los.Errorf(los.EINVALID, "version must be a positive number")
	}
	a, err := ed.store.EditorArticle(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	v, err := ed.store.Version(ctx, a.Slug, n)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toVersionJSON(v, a.Published && v.Version == a.PublishedVersion, true))
}

// diffJSON compares two versions: the fields that changed, and the text
// line by line.
type diffJSON struct {
	From    int             `json:"from"`
	To      int             `json:"to"`
	Changed []string        `json:"changed"` // title, tags, questions, lang, text
	Old     diffFields      `json:"old"`
	New     diffFields      `json:"new"`
	Lines   []linediff.Line `json:"lines"`
	Added   int             `json:"added"`
	Removed int             `json:"removed"`
}

type diffFields struct {
	Title     string `json:"title"`
	Tags      string `json:"tags"`
	Questions string `json:"questions"` // one a line
	Lang      string `json:"lang"`
}

// diffVersions: GET /api/v1/articles/{slug}/diff?from=N&to=M compares
// version N with version M. to defaults to the latest version, from to
// the one before to; from=live compares with what customers see.
func (ed *editor) diffVersions(c echo.Context) error {
	ctx := c.Request().Context()
	a, err := ed.store.EditorArticle(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	to, err := versionParam(c.QueryParam("to"), a.Version)
	if err != nil {
		return err
	}
	from, err := versionParam(c.QueryParam("from"), to-1)
	if c.QueryParam("from") == "live" {
		from, err = a.PublishedVersion, nil
	}
	if err != nil {
		return err
	}
	if from <= 0 {
		from = to
	}
	old, err := ed.store.Version(ctx, a.Slug, from)
	if err != nil {
		return err
	}
	cur, err := ed.store.Version(ctx, a.Slug, to)
	if err != nil {
		return err
	}
	d := diffJSON{
		From: from, To: to, Changed: []string{},
		Old: diffFields{Title: old.Title, Tags: strings.Join(old.Tags, ", "), Questions: strings.Join(old.Questions, "\n"),
			Lang: string(old.Lang)},
		New: diffFields{Title: cur.Title, Tags: strings.Join(cur.Tags, ", "), Questions: strings.Join(cur.Questions, "\n"),
			Lang: string(cur.Lang)},
		Lines: linediff.Lines(old.Body, cur.Body),
	}
	if old.Title != cur.Title {
		d.Changed = append(d.Changed, "title")
	}
	if !slices.Equal(old.Tags, cur.Tags) {
		d.Changed = append(d.Changed, "tags")
	}
	if !slices.Equal(old.Questions, cur.Questions) {
		d.Changed = append(d.Changed, "questions")
	}
	if old.Lang != cur.Lang {
		d.Changed = append(d.Changed, "lang")
	}
	for _, l := range d.Lines {
		switch l.Op {
		case "+":
			d.Added++
		case "-":
			d.Removed++
		}
	}
	if d.Added+d.Removed > 0 {
		d.Changed = append(d.Changed, "text")
	}
	return c.JSON(http.StatusOK, d)
}

func versionParam(s string, def int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, los.Errorf(los.EINVALID, "version %q must be a positive number", s)
	}
	return n, nil
}
