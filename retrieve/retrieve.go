// Package retrieve lets the bot search the knowledge-base index: it adapts
// kb.Index to los.Retriever, so neither package needs the other.
package retrieve

import (
	"context"
	"strings"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
)

// Index is a los.Retriever over a search index.
type Index struct{ *kb.Index }

var (
	_ los.Retriever        = Index{}
	_ los.ContextRetriever = Index{}
)

// Retrieve returns the best sections for question, preferring those in
// the written standard l, each judged relevant or not by the index's
// measured threshold.
func (ix Index) Retrieve(ctx context.Context, question string, l los.Standard, limit int) ([]los.Source, error) {
	return ix.RetrieveQuery(ctx, los.Query{Text: question}, l, limit)
}

// RetrieveQuery is Retrieve for a message in its conversation: the
// earlier messages of its topic are searched too, counting less, and the
// topic's articles rank higher.
func (ix Index) RetrieveQuery(ctx context.Context, q los.Query, l los.Standard, limit int) ([]los.Source, error) {
	hits, err := ix.Search(ctx, q.Text, kb.SearchOptions{Limit: limit, Lang: l,
		Context: strings.Join(q.Context, "\n"), Prior: q.Topic})
	if err != nil {
		return nil, err
	}
	out := make([]los.Source, 0, len(hits))
	for _, h := range hits {
		out = append(out, los.Source{
			Slug: h.Slug, Title: h.Title, Heading: h.Heading, Anchor: h.Anchor, Lang: h.Lang,
			Text: h.Text, Quote: h.Passage, Score: h.Score, Relevant: h.Relevant(),
		})
	}
	return out, nil
}
