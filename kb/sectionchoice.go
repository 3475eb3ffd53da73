package kb

import (
	"math"
	"sort"
)

// Choosing the section to quote. The search chooses the article by its
// best-scoring section; the answer often sits in another section of it
// (on the blind tuning set, for a third of the right-article answers).
// The sections of the chosen article among the re-ranking window's hits
// are weighed by their best sentence, list item or row (see passage.go)
// read with the section's heading: articles head their sections with
// what they answer ("Hvor mange mesh-punkter kan jeg ha?" over "Du kan
// koble til opptil tre."). When the second section comes close, it
// follows the first, so that an extractive answer can quote both.
//
// Measured on the blind tuning set (143 questions whose right article
// came first, 138 of them with the evidence in it): the section holding
// the evidence was chosen for 98 with the best part alone, 104-106 with
// the heading (added to the part's score with weight 0.5 or 1, or read
// with each part), 100-103 with the example questions given to each
// section added too (so they are not used), and 98-101 with each word
// weighted by its rarity among the article's sections as well (so it is
// not). Loading the article's sections outside the window changed
// nothing there (104 in the top section, 97 in its passage either way)
// and cost 6% more allocations and bytes per search at 10,000 articles
// (BenchmarkSearch: 4185 against 3955 allocs/op), so it is not done. The
// evidence is in the first two sections for 124.
const secondShare = 0.8 // how close to the best section's score the second must come to follow it

// chooseSection puts first the section of the first hit's article that
// answers the question best, and the second best after it when it comes
// close, among the hits (the re-ranking window, so more than are
// returned).
func (m *matcher) chooseSection(hits []Hit, idf []float64) []Hit {
	if len(hits) == 0 {
		return hits
	}
	top := hits[0]
	type cand struct {
		h     Hit
		at    int // index in hits
		score float64
	}
	var cs []cand
	for i, h := range hits {
		if h.Slug == top.Slug {
			cs = append(cs, cand{h: h, at: i})
		}
	}
	for i := range cs {
		h := &cs[i].h
		cs[i].score = m.headedScore(h, idf)
	}
	// Best first; of two within unitMargin, the one ranked first by the
	// search, then the earlier in the article.
	sort.SliceStable(cs, func(i, j int) bool {
		if math.Abs(cs[i].score-cs[j].score) > unitMargin {
			return cs[i].score > cs[j].score
		}
		return false
	})
	out := make([]Hit, 0, len(hits)+2)
	used := map[int]bool{}
	take := func(c cand) {
		out = append(out, c.h)
		used[c.at] = true
	}
	take(cs[0])
	if len(cs) > 1 && cs[1].score >= secondShare*cs[0].score {
		take(cs[1])
	}
	for i, h := range hits {
		if !used[i] {
			out = append(out, h)
		}
	}
	return out
}

// headedScore is the score of a section's best part read with its
// heading: the heading's words count as the part's own, the kind of
// answer asked for is looked for in the part alone.
func (m *matcher) headedScore(h *Hit, idf []float64) float64 {
	us, _ := m.hitUnits(h, idf)
	f := found{inHead: make([]bool, len(m.terms)), sents: make([][]int, len(m.terms))}
	head := m.holds(&f, h.Heading)
	best := 0.0
	for _, u := range us {
		if u.kind != unitRule {
			best = max(best, m.unitScore(u, head, idf))
		}
	}
	return best
}
