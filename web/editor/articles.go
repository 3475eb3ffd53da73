package editor

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/lang"
	"github.com/los-bot/los/web"
)

// articleJSON is an article in the editor API.
type articleJSON struct {
	Slug  string   `json:"slug"`
	Title string   `json:"title"`
	Body  string   `json:"body,omitempty"`
	Tags  []string `json:"tags"`
	// Questions are the example questions: questions the article
	// answers, worded as customers ask them.
	Questions []string `json:"questions"`
	Lang      string   `json:"lang"`
	// Version is the latest saved version: send it back with PUT.
	Version          int    `json:"version"`
	PublishedVersion int    `json:"published_version"`
	State            string `json:"state"`
	// Published is true when customers see the article now; Pending when
	// the latest version has changes they do not see yet.
	Published bool       `json:"published"`
	Pending   bool       `json:"pending"`
	Author    string     `json:"author"`
	Created   time.Time  `json:"created"`
	Updated   time.Time  `json:"updated"`
	Deleted   *time.Time `json:"deleted,omitempty"`
	URL       string     `json:"url,omitempty"` // the customers' page
}

func toArticleJSON(a kb.EditorArticle, withBody bool) articleJSON {
	out := articleJSON{
		Slug: a.Slug, Title: a.Title, Tags: a.Tags, Questions: a.Questions, Lang: string(a.Lang), Version: a.Version,
		PublishedVersion: a.PublishedVersion, State: string(a.State), Published: a.Published, Pending: a.Pending(),
		Author: a.Author, Created: a.Created, Updated: a.Updated,
	}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	if out.Questions == nil {
		out.Questions = []string{}
	}
	if withBody {
		out.Body = a.Body
	}
	if !a.Deleted.IsZero() {
		d := a.Deleted
		out.Deleted = &d
	}
	if a.Published {
		out.URL = "/artikler/" + a.Slug
	}
	return out
}

// articleInput is the body of POST and PUT /api/v1/articles.
type articleInput struct {
	Slug  string   `json:"slug"`
	Title string   `json:"title"`
	Body  string   `json:"body"`
	Tags  []string `json:"tags"`
	// Questions absent (or null) keeps the latest version's example
	// questions; [] removes them.
	Questions []string `json:"questions"`
	Lang      string   `json:"lang"`
	Version   int      `json:"version"`
}

func (in articleInput) article() kb.Article {
	l, ok := lang.Parse(in.Lang)
	if !ok && in.Lang != "" {
		l = los.Standard(in.Lang) // refused by kb.NormalizeArticle
	}
	return kb.Article{Slug: in.Slug, Title: in.Title, Body: in.Body, Tags: in.Tags, Questions: in.Questions, Lang: l}
}

// listArticles: GET /api/v1/articles[?q=words][&state=draft|published|archived][&bin=1]
func (ed *editor) listArticles(c echo.Context) error {
	all, err := ed.store.EditorArticles(c.Request().Context(), c.QueryParam("bin") == "1")
	if err != nil {
		return err
	}
	words := strings.Fields(strings.ToLower(c.QueryParam("q")))
	state := c.QueryParam("state")
	out := make([]articleJSON, 0, len(all))
	for _, a := range all {
		if state != "" && string(a.State) != state || !matchesAll(a, words) {
			continue
		}
		out = append(out, toArticleJSON(a, false))
	}
	return c.JSON(http.StatusOK, map[string]any{"articles": out})
}

// matchesAll reports whether every word occurs in the article's slug,
// title, tags or text, ignoring case.
func matchesAll(a kb.EditorArticle, words []string) bool {
	if len(words) == 0 {
		return true
	}
	hay := strings.ToLower(a.Slug + "\n" + a.Title + "\n" + strings.Join(a.Tags, " ") + "\n" + a.Body)
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// createArticle: POST /api/v1/articles creates a draft. Without a slug,
// one is made from the title.
func (ed *editor) createArticle(c echo.Context) error {
	var in articleInput
	if err := web.DecodeJSON(c, &in, false); err != nil {
		return err
	}
	if strings.TrimSpace(in.Slug) == "" {
		in.Slug = slugify(in.Title)
	}
	a, err := ed.store.CreateArticle(c.Request().Context(), in.article(), editorName(c))
	if err != nil {
		return err
	}
	audited(c, a)
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/articles/"+a.Slug)
	return c.JSON(http.StatusCreated, toArticleJSON(a, true))
}

// getArticle: GET /api/v1/articles/{slug}, with "version".
func (ed *editor) getArticle(c echo.Context) error {
	a, err := ed.store.EditorArticle(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toArticleJSON(a, true))
}

// saveArticle: PUT /api/v1/articles/{slug} with the "version" the change
// is based on; 409 when someone saved since.
func (ed *editor) saveArticle(c echo.Context) error {
	var in articleInput
	if err := web.DecodeJSON(c, &in, false); err != nil {
		return err
	}
	if in.Version <= 0 {
		return &los.Error{Code: los.EINVALID, Key: "editor.error.version",
			Message: `send "version": the version your change is based on (from GET)`}
	}
	in.Slug = c.Param("slug")
	a, err := ed.store.SaveArticle(c.Request().Context(), in.article(), in.Version, editorName(c))
	if err != nil {
		return err
	}
	audited(c, a)
	return c.JSON(http.StatusOK, toArticleJSON(a, true))
}

// stateChange runs a store change of one article that customers may see,
// updates the index and answers with the article.
func (ed *editor) stateChange(c echo.Context, fn func(slug string) (kb.EditorArticle, error)) error {
	slug := c.Param("slug")
	var a kb.EditorArticle
	err := ed.change(c.Request().Context(), func() ([]string, error) {
		var err error
		a, err = fn(slug)
		return []string{slug}, err
	})
	if err != nil {
		return err
	}
	audited(c, a)
	return c.JSON(http.StatusOK, toArticleJSON(a, true))
}

// audited gives the request's audit entry the article's title and its
// latest and published versions, so the log reads "… publiserte «Endre
// fakturaadresse» v3".
func audited(c echo.Context, a kb.EditorArticle) {
	web.AuditDetail(c, "title", a.Title)
	web.AuditDetail(c, "version", strconv.Itoa(a.Version))
	if a.PublishedVersion > 0 {
		web.AuditDetail(c, "published", strconv.Itoa(a.PublishedVersion))
	}
}

// publishArticle: POST /api/v1/articles/{slug}/publish [{"version"}]
// makes the latest version what customers see and search finds.
func (ed *editor) publishArticle(c echo.Context) error {
	var in struct {
		Version int `json:"version"`
	}
	if err := web.DecodeJSON(c, &in, true); err != nil {
		return err
	}
	return ed.stateChange(c, func(slug string) (kb.EditorArticle, error) {
		return ed.store.Publish(c.Request().Context(), slug, in.Version, editorName(c))
	})
}

// addQuestion: POST /api/v1/articles/{slug}/questions {"question"} adds
// a customer's wording (from the content gaps) to the article's example
// questions, so that questions worded like it find the article. A live
// article without unpublished changes is published with it at once
// (then "published" is true and "pending" false); otherwise it waits
// for the next publishing.
func (ed *editor) addQuestion(c echo.Context) error {
	var in struct {
		Question string `json:"question"`
	}
	if err := web.DecodeJSON(c, &in, false); err != nil {
		return err
	}
	return ed.stateChange(c, func(slug string) (kb.EditorArticle, error) {
		return ed.store.AddQuestion(c.Request().Context(), slug, in.Question, editorName(c))
	})
}

// deleteArticle: DELETE /api/v1/articles/{slug} moves it to the bin.
func (ed *editor) deleteArticle(c echo.Context) error {
	return ed.stateChange(c, func(slug string) (kb.EditorArticle, error) {
		return ed.store.Delete(c.Request().Context(), slug, editorName(c))
	})
}

// restoreArticle: POST /api/v1/articles/{slug}/restore takes it out of
// the bin.
func (ed *editor) restoreArticle(c echo.Context) error {
	return ed.stateChange(c, func(slug string) (kb.EditorArticle, error) {
		return ed.store.Restore(c.Request().Context(), slug)
	})
}

// archiveArticle: POST /api/v1/articles/{slug}/archive hides it from
// customers.
func (ed *editor) archiveArticle(c echo.Context) error {
	return ed.stateChange(c, func(slug string) (kb.EditorArticle, error) {
		return ed.store.Archive(c.Request().Context(), slug)
	})
}

// unarchiveArticle: POST /api/v1/articles/{slug}/unarchive makes it a
// draft again.
func (ed *editor) unarchiveArticle(c echo.Context) error {
	return ed.stateChange(c, func(slug string) (kb.EditorArticle, error) {
		return ed.store.Unarchive(c.Request().Context(), slug)
	})
}

// rollback: POST /api/v1/articles/{slug}/rollback {"version", "base_version", "publish"}
// makes version the latest again, as a new version.
func (ed *editor) rollback(c echo.Context) error {
	var in struct {
		Version     int  `json:"version"`
		BaseVersion int  `json:"base_version"`
		Publish     bool `json:"publish"`
	}
	if err := web.DecodeJSON(c, &in, false); err != nil {
		return err
	}
	if in.Version <= 0 {
		return &los.Error{Code: los.EINVALID, Key: "editor.error.version", Message: `send "version": the version to go back to`}
	}
	web.AuditDetail(c, "to", strconv.Itoa(in.Version))
	return ed.stateChange(c, func(slug string) (kb.EditorArticle, error) {
		return ed.store.Rollback(c.Request().Context(), slug, in.Version, in.BaseVersion, editorName(c), in.Publish)
	})
}

// folded spells letters outside a-z the way slugs do.
var folded = map[rune]string{'æ': "ae", 'ø': "o", 'å': "a", 'ö': "o", 'ä': "a", 'á': "a", 'à': "a", 'é': "e", 'è': "e", 'ü': "u"}

// slugify makes a slug from a title: "Endre fakturaadresse?" ->
// "endre-fakturaadresse".
func slugify(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case folded[r] != "":
			b.WriteString(folded[r])
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if len(s) > 80 {
		s = strings.TrimSuffix(s[:80], "-")
	}
	return s
}
