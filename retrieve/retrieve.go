// Package retrieve lets the bot search the knowledge-base index: it adapts
// kb.Index to bot.Retriever, so neither package needs the other.
package retrieve

import (
	"context"
	"strings"

	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/lang"
)

// Index is a bot.Retriever over a search index.
type Index struct{ *kb.Index }

var (
	_ bot.Retriever        = Index{}
	_ bot.ContextRetriever = Index{}
)

// Retrieve returns the best sections for question, preferring those in
// the written standard l, each judged relevant or not by the index's
// measured threshold.
func (ix Index) Retrieve(ctx context.Context, question string, l lang.Standard, limit int) ([]bot.Source, error) {
	return ix.RetrieveQuery(ctx, bot.Query{Text: question}, l, limit)
}

// RetrieveQuery is Retrieve for a message in its conversation: the
// earlier messages of its topic are searched too, counting less, and the
// topic's articles rank higher.
func (ix Index) RetrieveQuery(ctx context.Context, q bot.Query, l lang.Standard, limit int) ([]bot.Source, error) {
	hits, err := ix.Search(ctx, q.Text, kb.SearchOptions{Limit: limit, Lang: l,
		Context: strings.Join(q.Context, "\n"), Prior: q.Topic})
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
