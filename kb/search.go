package kb

import (
	"context"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/los-bot/los/lang"
)

// SearchOptions tune one search.
type SearchOptions struct {
	// Limit is the number of hits wanted; 0 means 5.
	Limit int
	// Lang, when set, ranks sections in that written standard a little
	// higher; sections in other standards are still returned.
	Lang lang.Standard
}

// Hit is one section found by Search.
type Hit struct {
	Slug    string        `json:"slug"`
	Title   string        `json:"title"`
	Heading string        `json:"heading"`
	Anchor  string        `json:"anchor,omitempty"`
	Text    string        `json:"text"` // the section's Markdown
	Lang    lang.Standard `json:"lang"`
	// Score ranks hits within one search; it is not comparable across
	// searches. Use Coverage (or Relevant) to judge a hit on its own.
	Score float64 `json:"score"`
	// Coverage is the share of the question's content words (stop words
	// and question words left out) found in the section, directly or
	// through a synonym: 0 to 1. Unlike Score it can be compared across
	// questions: see Relevant.
	Coverage float64 `json:"coverage"`
	// Matched lists the question's content words found in the section.
	Matched []string `json:"matched,omitempty"`

	id string // section ID in the index
}

// Query is a question as the index understands it.
type Query struct {
	// Terms are the question's content words.
	Terms []string `json:"terms"`
	// Synonyms are the synonym groups applied to the question.
	Synonyms []Expansion `json:"synonyms,omitempty"`
}

// Analyze shows how Search reads a question: its content words and the
// synonyms it adds. It does no I/O.
func (ix *Index) Analyze(q string) Query {
	p := analyze(q, ix.syn.Load())
	return Query{Terms: p.words, Synonyms: p.exps}
}

// Re-ranking of the first hits: the score of a hit in the wanted written
// standard is multiplied by langBoost, and every score by 1 +
// boostProximity * (the largest share of the question's words found within
// proximityWidth words of each other). The proximity factor added about
// 0.01 MRR@10 on NorQuAD.
const (
	rerankWindow   = 10
	langBoost      = 1.15
	boostProximity = 1.0
	proximityWidth = 40
)

// Search finds the sections that best answer q, best first. A question
// without content words finds nothing.
func (ix *Index) Search(ctx context.Context, q string, opts SearchOptions) ([]Hit, error) {
	limit := opts.Limit
	if limit <= 0 {
		limit = 5
	}
	p := analyze(q, ix.syn.Load())
	if len(p.words) == 0 {
		return nil, ctx.Err()
	}
	window := max(limit, rerankWindow)

	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.idx == nil {
		return nil, bleve.ErrorIndexClosed
	}
	// First pass: rank without term locations or stored fields, which
	// would be loaded for every matching section.
	textQuery := p.query()
	first := textQuery
	if len(p.alts) > 1 {
		dfs, n := docFreqs(ctx, ix.idx, p)
		first = p.withoutCommon(dfs, n).query()
	}
	res, err := ix.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(first, window, 0, false))
	if err != nil {
		return nil, fmt.Errorf("kb: search: %w", err)
	}
	if len(res.Hits) == 0 && ix.embedder == nil {
		return nil, nil
	}
	matches, err := ix.details(ctx, textQuery, res.Hits)
	if err != nil {
		return nil, err
	}
	hits := make([]Hit, 0, len(matches))
	for _, m := range matches {
		h := toHit(m, p)
		h.Score *= 1 + boostProximity*p.proximity(m.Locations, proximityWidth)
		if opts.Lang != "" && h.Lang == opts.Lang {
			h.Score *= langBoost
		}
		hits = append(hits, h)
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	if ix.embedder != nil {
		if hits, err = ix.fuse(ctx, q, p, hits, window); err != nil {
			return nil, err
		}
	}
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

// details searches again among the given sections only, with their stored
// fields and term locations. Scores are those of the first pass.
func (ix *Index) details(ctx context.Context, q query.Query, first []*search.DocumentMatch) ([]*search.DocumentMatch, error) {
	if len(first) == 0 {
		return nil, nil
	}
	ids := make([]string, len(first))
	score := make(map[string]float64, len(first))
	for i, m := range first {
		ids[i] = m.ID
		score[m.ID] = m.Score
	}
	bq := query.NewBooleanQuery([]query.Query{query.NewDocIDQuery(ids)}, []query.Query{q}, nil)
	req := bleve.NewSearchRequestOptions(bq, len(ids), 0, false)
	req.Fields = storedFields
	req.IncludeLocations = true
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("kb: search: %w", err)
	}
	for _, m := range res.Hits {
		m.Score = score[m.ID]
	}
	return res.Hits, nil
}

func toHit(m *search.DocumentMatch, p plan) Hit {
	str := func(f string) string { s, _ := m.Fields[f].(string); return s }
	h := Hit{
		Slug:    str(fieldSlug),
		Title:   str(fieldTitle),
		Heading: str(fieldHeading),
		Anchor:  str(fieldAnchor),
		Text:    str(fieldMD),
		Lang:    lang.Standard(str(fieldLang)),
		Score:   m.Score,
		id:      m.ID,
	}
	stems, lights := map[string]bool{}, map[string]bool{}
	for field, terms := range m.Locations {
		set := lights
		if field == fieldTextS || field == fieldHeadS {
			set = stems
		}
		for t := range terms {
			set[t] = true
		}
	}
	n := 0
	for g, ok := range p.matched(stems, lights) {
		if ok {
			n++
			h.Matched = append(h.Matched, p.words[g])
		}
	}
	h.Coverage = float64(n) / float64(len(p.words))
	return h
}
