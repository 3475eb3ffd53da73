package editor

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/web"
)

// synonymsJSON is the synonyms in the editor API.
type synonymsJSON struct {
	Text string `json:"text"`
	// Stored is false while editors have saved none: Text then shows the
	// synonyms in use (from the synonyms file or the built-in ones).
	Stored  bool       `json:"stored"`
	Author  string     `json:"author,omitempty"`
	Updated *time.Time `json:"updated,omitempty"`
	Groups  int        `json:"groups"`
}

// currentSynonyms returns the synonyms editors saved, or else those the
// index uses, written one group per line.
func (ed *editor) currentSynonyms(ctx context.Context) (synonymsJSON, error) {
	stored, ok, err := ed.store.Synonyms(ctx)
	if err != nil {
		return synonymsJSON{}, err
	}
	if ok {
		u := stored.Updated
		return synonymsJSON{Text: stored.Text, Stored: true, Author: stored.Author, Updated: &u, Groups: len(ed.index.Synonyms().Groups())}, nil
	}
	groups := ed.index.Synonyms().Groups()
	lines := make([]string, 0, len(groups))
	for _, g := range groups {
		lines = append(lines, strings.Join(g, " = "))
	}
	return synonymsJSON{Text: strings.Join(lines, "\n") + "\n", Groups: len(groups)}, nil
}

// getSynonyms: GET /api/v1/editor/synonyms.
func (ed *editor) getSynonyms(c echo.Context) error {
	syn, err := ed.currentSynonyms(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, syn)
}

// putSynonyms: PUT /api/v1/editor/synonyms {"text"} checks, stores and
// applies the synonyms at once: the next search uses them. A problem is
// answered with 422 and the line it is on.
func (ed *editor) putSynonyms(c echo.Context) error {
	var body struct {
		Text *string `json:"text"`
	}
	if err := web.DecodeJSON(c, &body, false); err != nil {
		return err
	}
	if body.Text == nil {
		// A body without "text" must not read as "no synonyms": that
		// wiped every group. An empty string still removes them on purpose.
		return &los.Error{Code: los.EINVALID, Key: "editor.error.synonyms_missing",
			Message: `body needs "text": the synonym groups, one per line ("" removes them all)`}
	}
	in := struct{ Text string }{strings.ReplaceAll(*body.Text, "\r\n", "\n")}
	if line, key := synonymProblem(in.Text); line > 0 {
		return ed.lineError(c, line, key)
	}
	syn, err := kb.ParseSynonyms("synonyms", strings.NewReader(in.Text))
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	ed.mu.Lock()
	_, err = ed.store.SetSynonyms(ctx, in.Text, editorName(c))
	if err == nil {
		ed.index.SetSynonyms(syn)
	}
	ed.mu.Unlock()
	if err != nil {
		return err
	}
	out, err := ed.currentSynonyms(ctx)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// lineError answers 422 with the error format plus the line at fault.
func (ed *editor) lineError(c echo.Context, line int, key string) error {
	var body struct {
		web.ErrorBody
		Line int `json:"line"`
	}
	l := web.RequestLang(c)
	body.Error.Code = "invalid"
	body.Error.Message = ed.web.Texts().T("en", key, line)
	body.Error.Display = ed.web.Texts().T(l, key, line)
	body.Line = line
	return c.JSON(http.StatusUnprocessableEntity, body)
}

// synonymProblem finds the first line kb.ParseSynonyms would refuse, and
// the locale key that explains it; line 0 when there is none.
func synonymProblem(text string) (line int, key string) {
	for n, l := range strings.Split(text, "\n") {
		if i := strings.IndexByte(l, '#'); i >= 0 {
			l = l[:i]
		}
		if strings.TrimSpace(l) == "" {
			continue
		}
		members := strings.Split(l, "=")
		if len(members) < 2 {
			return n + 1, "editor.synonyms.error_no_equals"
		}
		for _, m := range members {
			if strings.TrimSpace(m) == "" {
				return n + 1, "editor.synonyms.error_empty"
			}
		}
	}
	if _, err := kb.ParseSynonyms("synonyms", strings.NewReader(text)); err != nil {
		var pe *kb.ParseError
		if errors.As(err, &pe) && pe.Line > 0 {
			return pe.Line, "editor.synonyms.error_line"
		}
		return 1, "editor.synonyms.error_line"
	}
	return 0, ""
}

// checkSynonyms checks a synonyms file for import: the line at fault and
// an English explanation, or line 0.
func checkSynonyms(text string) (int, string) {
	line, key := synonymProblem(strings.ReplaceAll(text, "\r\n", "\n"))
	if line == 0 {
		return 0, ""
	}
	return line, synonymHelp[key]
}

var synonymHelp = map[string]string{
	"editor.synonyms.error_no_equals": "no '=' on this line: write 'a = b = c'",
	"editor.synonyms.error_empty":     "an empty word between '=' signs: write 'a = b = c'",
	"editor.synonyms.error_line":      "this line cannot be read: write 'a = b = c'",
}
