package editor

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/retrieve"
	"github.com/los-bot/los/web"
	"github.com/los-bot/los/web/markdown"
)

// testerHits is how many sections the question tester shows.
const testerHits = 8

type testHit struct {
	Slug     string   `json:"slug"`
	Title    string   `json:"title"`
	Heading  string   `json:"heading"`
	Anchor   string   `json:"anchor,omitempty"`
	Score    float64  `json:"score"`
	Coverage float64  `json:"coverage"`
	Relevant bool     `json:"relevant"` // enough of the question is covered to answer from it
	Matched  []string `json:"matched"`
	Snippet  string   `json:"snippet"`
	// Draft is true when the section comes from a version customers do
	// not see yet.
	Draft bool `json:"draft"`
	// Used is true when the answer was built from this section.
	Used bool `json:"used"`
}

// searcher is the index the tester searches: the published one, or a
// temporary one of the drafts.
type searcher interface {
	Search(ctx context.Context, q string, opts kb.SearchOptions) ([]kb.Hit, error)
	Analyze(q string) kb.Query
}

type testJSON struct {
	Question string      `json:"question"`
	Drafts   bool        `json:"drafts"`
	Query    kb.Query    `json:"query"`
	Hits     []testHit   `json:"hits"`
	Triage   *los.Triage `json:"triage"`
	Answer   los.Result  `json:"answer"`
}

// testQuestion: POST /api/v1/editor/test {"question", "drafts"} shows
// what the bot would do with a question: the sections it finds, with
// scores, coverage and the synonyms applied; the triage decision; and the
// answer. Nothing is stored. With drafts, the unpublished versions are
// searched as if they were published, in a temporary index.
func (ed *editor) testQuestion(c echo.Context) error {
	var in struct {
		Question string `json:"question"`
		Drafts   bool   `json:"drafts"`
	}
	if err := web.DecodeJSON(c, &in, false); err != nil {
		return err
	}
	q, err := los.ValidateText(in.Question)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	var ix searcher = ed.index
	b, drafts := ed.bot, map[string]bool{}
	if in.Drafts {
		dix, d, err := ed.draftIndex(ctx)
		if err != nil {
			return err
		}
		defer dix.Close()
		ix, drafts, b = dix, d, ed.botFor(retrieve.Index{Index: dix})
	}
	out := testJSON{Question: q, Drafts: in.Drafts, Query: ix.Analyze(q), Hits: []testHit{}}
	hits, err := ix.Search(ctx, q, kb.SearchOptions{Limit: testerHits})
	if err != nil {
		return err
	}
	if ed.triager != nil {
		t := ed.triager.Classify(ctx, q)
		out.Triage = &t
	}
	if out.Answer, err = b.Turn(ctx, los.TurnRequest{Text: q}); err != nil {
		return err
	}
	used := map[string]bool{}
	for _, s := range out.Answer.Sources {
		used[s.Slug+"#"+s.Anchor] = true
	}
	for _, h := range hits {
		out.Hits = append(out.Hits, testHit{
			Slug: h.Slug, Title: h.Title, Heading: h.Heading, Anchor: h.Anchor, Score: h.Score, Coverage: h.Coverage,
			Relevant: h.Relevant(), Matched: h.Matched, Snippet: markdown.Snippet(h.Text, 200), Draft: drafts[h.Slug],
			Used: used[h.Slug+"#"+h.Anchor],
		})
	}
	return c.JSON(http.StatusOK, out)
}

// draftIndex builds a temporary in-memory index of every article not in
// the bin or archived, each at its latest version. It also returns the
// articles whose latest version customers do not see.
func (ed *editor) draftIndex(ctx context.Context) (*kb.Index, map[string]bool, error) {
	all, err := ed.store.EditorArticles(ctx, false)
	if err != nil {
		return nil, nil, err
	}
	drafts := map[string]bool{}
	articles := make([]kb.Article, 0, len(all))
	for _, a := range all {
		if a.State == kb.StateArchived {
			continue
		}
		k := a.Article
		k.Published = true
		articles = append(articles, k)
		drafts[a.Slug] = !a.Published || a.Pending()
	}
	ix, err := kb.Open("", kb.Options{Synonyms: ed.index.Synonyms()})
	if err != nil {
		return nil, nil, err
	}
	if err := ix.Rebuild(ctx, articles, "tester", nil); err != nil {
		ix.Close()
		return nil, nil, fmt.Errorf("tester index: %w", err)
	}
	return ix, drafts, nil
}

// preview: POST /api/v1/editor/preview {"body"} renders Markdown as the
// customers' article page would, sanitized.
func (ed *editor) preview(c echo.Context) error {
	var in struct {
		Body string `json:"body"`
	}
	if err := web.DecodeJSON(c, &in, false); err != nil {
		return err
	}
	html, err := markdown.Render(strings.ReplaceAll(in.Body, "\r\n", "\n"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]string{"html": string(html)})
}
