package kb

import (
	"context"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2/search"
)

// fuse merges the text ranking (hits, best first) with the vector ranking
// of the question by reciprocal rank fusion: each section scores the sum
// of 1/(rrfK+rank) over the rankings it appears in. The caller holds
// ix.mu for reading.
func (ix *Index) fuse(ctx context.Context, q string, m *matcher, hits []Hit, window int) ([]Hit, error) {
	vecs, err := ix.embedder.Embed(ctx, []string{q})
	if err != nil {
		return nil, fmt.Errorf("kb: embed question: %w", err)
	}
	if len(vecs) != 1 {
		return nil, fmt.Errorf("kb: embed question: got %d vectors", len(vecs))
	}
	ids := ix.vec.nearest(normalize(vecs[0]), window)

	fused := map[string]float64{}
	byID := map[string]Hit{}
	for r, h := range hits {
		fused[h.id] += 1 / float64(rrfK+r+1)
		byID[h.id] = h
	}
	var missing []string
	for r, id := range ids {
		fused[id] += 1 / float64(rrfK+r+1)
		if _, ok := byID[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		// Load the sections found only by vector, with their coverage.
		first := make([]*search.DocumentMatch, len(missing))
		for i, id := range missing {
			first[i] = &search.DocumentMatch{ID: id}
		}
		more, err := ix.load(ctx, m, first)
		if err != nil {
			return nil, err
		}
		for _, h := range more {
			byID[h.id] = h
		}
	}
	out := make([]Hit, 0, len(byID))
	for id, h := range byID {
		h.Score = fused[id]
		out = append(out, h)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].id < out[j].id
	})
	return out, nil
}

// embedFailed reports an embedding failure to the caller's hook.
func (ix *Index) embedFailed(err error) {
	if ix.onEmbed != nil {
		ix.onEmbed(err)
	}
}
