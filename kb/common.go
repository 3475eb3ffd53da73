package kb

import (
	"context"

	"github.com/blevesearch/bleve/v2"
)

// The first search pass looks for a question word found in more than
// commonShare of the sections in the sections' heads (title, headings,
// tags) only, and for one found in more than veryCommonShare of them not
// at all, as long as the word is in more than minCutSections sections. In
// the text such a word changes the ranking little (its inverse document
// frequency is small) but makes the search visit a large part of the
// index: at 10,000 generated articles a question of such words cost 20
// ms of CPU, its head clauses a fifth of that. The re-ranking and
// Coverage still count the word in the text. Small indexes, where the
// cost is small, are searched in full: leaving common words out cost
// 0.005 MRR@10 on NorQuAD and 2 of 129 top-1 answers on the demo
// questions.
const (
	commonShare     = 0.05
	veryCommonShare = 0.3
	minCutSections  = 1000
)

// reach is how far the first pass searches for a group of the question.
type reach uint8

const (
	reachAll  reach = iota // text and heads
	reachHead              // heads only
	reachNone              // not at all
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

// firstPass returns how the first pass searches each group of a question
// with document frequencies dfs among n sections: in full, in the heads
// only, or not at all, and whether that is less than the full search. The
// rarest word found in the index is always searched.
func firstPass(dfs []uint64, n uint64) ([]reach, bool) {
	out := make([]reach, len(dfs))
	common := max(uint64(commonShare*float64(n)), minCutSections)
	veryCommon := max(uint64(veryCommonShare*float64(n)), minCutSections)
	rarest, cut := -1, false
	for g, df := range dfs {
		switch {
		case df > veryCommon:
			out[g], cut = reachNone, true
		case df > common:
			out[g], cut = reachHead, true
		}
		if df > 0 && (rarest < 0 || df < dfs[rarest]) {
			rarest = g
		}
	}
	if rarest >= 0 && out[rarest] == reachNone {
		out[rarest] = reachHead
	}
	return out, cut
}

// widen searches every group one step further than reaches does.
func widen(reaches []reach) []reach {
	out := make([]reach, len(reaches))
	for g, r := range reaches {
		out[g] = max(r, 1) - 1
	}
	return out
}

// termCount returns the number of sections whose field holds term; 1
// when the index cannot tell, so that a failing reader never makes a word
// unknown.
func termCount(ctx context.Context, idx bleve.Index, field, term string) uint64 {
	adv, err := idx.Advanced()
	if err != nil {
		return 1
	}
	r, err := adv.Reader()
	if err != nil {
		return 1
	}
	defer r.Close()
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return 1
	}
	defer tfr.Close()
	return tfr.Count()
}
