package kb

import (
	"context"
	"math"
	"sort"
	"strconv"
)

// Choosing the section to quote. The search chooses the article by its
// best-scoring section; the answer often sits in another section of it
// (on the blind tuning set, for a third of the right-article answers).
// Every section of the chosen article is weighed, not only those among
// the hits, by its best sentence, list item or row (see passage.go) read
// with the section's heading: articles head their sections with what
// they answer ("Hvor mange mesh-punkter kan jeg ha?" over "Du kan koble
// til opptil tre."). When the second section comes close, it follows the
// first, so that an extractive answer can quote both.
//
// Measured on the blind tuning set (143 questions whose right article
// came first, 138 of them with the evidence in it): the section holding
// the evidence was chosen for 98 with the best part alone among the hits,
// 98 with every section, 104-106 with the heading (added to the part's
// score with weight 0.5 or 1, or read with each part), 100-103 with the
// example questions given to each section added too (so they are not
// used), and 98-101 with each word weighted by its rarity among the
// article's sections as well (so it is not). The evidence is in the
// first two sections for 123.
const (
	// secondShare is how close to the best section's score the second
	// must come to follow it.
	secondShare = 0.8
	// maxSections bounds how many sections of an article are read.
	maxSections = 40
)

// chooseSection puts first the section of the first hit's article that
// answers the question best, and the second best after it when it comes
// close, loading the article's sections that are not among the hits.
// The caller holds ix.mu for reading.
func (ix *Index) chooseSection(ctx context.Context, m *matcher, hits []Hit, idf []float64) []Hit {
	if len(hits) == 0 {
		return hits
	}
	top := hits[0]
	type cand struct {
		h     Hit
		at    int // index in hits; -1 for a section loaded here
		score float64
	}
	var cs []cand
	have := map[string]bool{}
	for i, h := range hits {
		if h.Slug == top.Slug {
			cs = append(cs, cand{h: h, at: i})
			have[h.id] = true
		}
	}
	for n := 0; n < maxSections; n++ {
		id := top.Slug + "#" + strconv.Itoa(n)
		if have[id] {
			continue
		}
		doc, err := ix.idx.Document(id)
		if err != nil || doc == nil || ctx.Err() != nil {
			break
		}
		h := toHit(storedDoc(doc), m)
		h.id, h.Score, h.Confidence, h.Weight = id, top.Score, top.Confidence, top.Weight
		cs = append(cs, cand{h: h, at: -1})
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
		if c.at >= 0 {
			used[c.at] = true
		}
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

// phraseShare is the share of the question's groups, weighted by rarity,
// that text holds.
func (m *matcher) phraseShare(text string, idf []float64) float64 {
	if text == "" {
		return 0
	}
	f := found{inHead: make([]bool, len(m.terms)), sents: make([][]int, len(m.terms))}
	return m.textScore(&f, text, idf, false)
}

// headedScore is the score of a section's best part read with its
// heading: the heading's words count as the part's own, the kind of
// answer asked for is looked for in the part alone.
func (m *matcher) headedScore(h *Hit, idf []float64) float64 {
	best := 0.0
	f := found{inHead: make([]bool, len(m.terms)), sents: make([][]int, len(m.terms))}
	for _, u := range units(h.Text) {
		if u.kind == unitRule {
			continue
		}
		answers := m.p.want != anyAnswer && holdsAnswer(m.p.want, u.text)
		s := m.textScore(&f, h.Heading+"\n"+u.text, idf, answers)
		if s > 0 && answers {
			s += typeBonus
		}
		if u.kind == unitHeader {
			s /= 2
		}
		best = max(best, s)
	}
	return best
}
