package kb

import (
	"context"

	"github.com/blevesearch/bleve/v2"
)

// In a large index the first search pass leaves out question words found
// in more than commonShare of the sections, when the question has rarer
// ones: such a word changes the ranking little (its inverse document
// frequency is near zero) but makes the search visit most of the index.
// Coverage still counts it. Small indexes are searched in full: there
// the cost is small, and leaving words out cost 0.005 MRR@10 on NorQuAD
// and 2 of 129 top-1 answers on the demo questions.
const (
	commonShare       = 0.2
	commonMinSections = 5000
)

// docFreqs returns, for each group of p, the number of sections whose
// text or head holds its first form, and the number of sections.
func docFreqs(ctx context.Context, idx bleve.Index, p plan) ([]uint64, uint64) {
	dfs := make([]uint64, len(p.alts))
	adv, err := idx.Advanced()
	if err != nil {
		return dfs, 0
	}
	r, err := adv.Reader()
	if err != nil {
		return dfs, 0
	}
	defer r.Close()
	n, err := r.DocCount()
	if err != nil {
		return dfs, 0
	}
	for g, alts := range p.alts {
		for _, field := range []string{fieldTextL, fieldHeadL} {
			tfr, err := r.TermFieldReader(ctx, []byte(alts[0][0].light), field, false, false, false)
			if err != nil {
				continue
			}
			dfs[g] = max(dfs[g], tfr.Count())
			tfr.Close()
		}
	}
	return dfs, n
}

// withoutCommon returns p without its common groups, keeping at least
// the rarest one.
func (p plan) withoutCommon(dfs []uint64, n uint64) plan {
	if n < commonMinSections {
		return p
	}
	limit := uint64(commonShare * float64(n))
	rarest := 0
	var keep []int
	for g, df := range dfs {
		if df < dfs[rarest] {
			rarest = g
		}
		if df <= limit {
			keep = append(keep, g)
		}
	}
	if len(keep) == len(dfs) {
		return p
	}
	if len(keep) == 0 {
		keep = []int{rarest}
	}
	q := plan{exps: p.exps}
	for _, g := range keep {
		q.words = append(q.words, p.words[g])
		q.alts = append(q.alts, p.alts[g])
	}
	return q
}
