// Package retrieve lets the bot search the knowledge-base index: it adapts
// kb.Index to bot.Retriever, so neither package needs the other.
package retrieve

import (
	"context"

	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/lang"
)

// Index is a bot.Retriever over a search index.
type Index struct{ *kb.Index }

var _ bot.Retriever = Index{}

// Retrieve returns the best sections for question, preferring those in
// the written standard l, each judged relevant or not by the index's
// measured threshold.
func (ix Index) Retrieve(ctx context.Context, question string, l lang.Standard, limit int) ([]bot.Source, error) {
	hits, err := ix.Search(ctx, question, kb.SearchOptions{Limit: limit, Lang: l})
	if err != nil {
		return nil, err
	}
	out := make([]bot.Source, 0, len(hits))
	for _, h := range hits {
		out = append(out, bot.Source{
			Slug: h.Slug, Title: h.Title, Heading: h.Heading, Anchor: h.Anchor, Lang: h.Lang,
			Text: h.Text, Quote: h.Passage, Score: h.Score, Relevant: h.Relevant(),
		})
	}
	return out, nil
}
