// Package retrieve lets the bot search the knowledge-base index: it adapts
// kb.Index to los.Retriever, so neither package needs the other.
package retrieve

import (
	"context"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
)

// Index is a los.Retriever over a search index.
type Index struct{ *kb.Index }

var _ los.Retriever = Index{}

// Retrieve returns the best sections for question, preferring those in
// the written standard l, each judged relevant or not by the index's
// measured threshold.
func (ix Index) Retrieve(ctx context.Context, question string, l los.Standard, limit int) ([]los.Source, error) {
	hits, err := ix.Search(ctx, question, kb.SearchOptions{Limit: limit, Lang: l})
	if err != nil {
		return nil, err
	}
	out := make([]los.Source, 0, len(hits))
	for _, h := range hits {
		out = append(out, los.Source{
			Slug: h.Slug, Title: h.Title, Heading: h.Heading, Anchor: h.Anchor, Lang: h.Lang,
			Text: h.Text, Score: h.Score, Relevant: h.Relevant(),
		})
	}
	return out, nil
}
