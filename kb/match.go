package kb

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// matcher finds a question's words in the text of the few sections that
// the first search pass ranked highest, where their positions (for the
// sentence factor) and their presence (for Coverage) are needed. Reading
// the stored text again costs less than asking Bleve for term locations.
type matcher struct {
	p      plan
	terms  []term           // all terms of all alternatives
	alts   [][][]int        // group -> alternative -> index in terms
	stems  map[string][]int // stem -> terms
	lights map[string][]int // light form or variant -> terms
	forms  *formCache
}

func newMatcher(p plan, forms *formCache) *matcher {
	m := &matcher{p: p, stems: map[string][]int{}, lights: map[string][]int{}, forms: forms}
	m.alts = make([][][]int, len(p.alts))
	for g, alts := range p.alts {
		for _, alt := range alts {
			var ids []int
			for _, t := range alt {
				k := len(m.terms)
				m.terms = append(m.terms, t)
				ids = append(ids, k)
				m.stems[t.stem] = append(m.stems[t.stem], k)
				m.lights[t.light] = append(m.lights[t.light], k)
				for _, v := range t.variants {
					m.lights[v] = append(m.lights[v], k)
				}
			}
			m.alts[g] = append(m.alts[g], ids)
		}
	}
	return m
}

// found is what one section holds of the question.
type found struct {
	inHead []bool  // per term: in the title, heading or tags
	sents  [][]int // per term: the sentences of the text holding it
	nSents int
}

// scan finds the question's terms in a section's head and plain text.
func (m *matcher) scan(head, text string) found {
	f := found{inHead: make([]bool, len(m.terms)), sents: make([][]int, len(m.terms))}
	m.each(head, func(k, _ int) { f.inHead[k] = true })
	ends := sentenceEnds(text)
	f.nSents = len(ends)
	s := 0
	m.each(text, func(k, start int) {
		for s < len(ends)-1 && start >= ends[s] {
			s++
		}
		if n := len(f.sents[k]); n == 0 || f.sents[k][n-1] != s {
			f.sents[k] = append(f.sents[k], s)
		}
	})
	return f
}

// each calls fn with the index of every term that a word of text matches,
// and the word's byte offset, words in order. Stop words are skipped as
// the index's analyzers skip them.
func (m *matcher) each(text string, fn func(term, start int)) {
	eachWord(text, func(w string, start int) {
		lw := strings.ToLower(w)
		if isStopWord(lw) && !isAcronym(w) {
			return
		}
		fm := m.forms.get(lw)
		for _, k := range m.stems[fm.stem] {
			fn(k, start)
		}
		for _, k := range m.lights[fm.light] {
			if m.terms[k].stem != fm.stem {
				fn(k, start)
			}
		}
	})
}

// groups reports which groups of the question the section holds: all
// terms of one of the group's alternatives, in the text or the head.
func (m *matcher) groups(f found) []bool {
	out := make([]bool, len(m.alts))
	for g, alts := range m.alts {
		for _, alt := range alts {
			all := true
			for _, k := range alt {
				if !f.inHead[k] && len(f.sents[k]) == 0 {
					all = false
					break
				}
			}
			if all {
				out[g] = true
				break
			}
		}
	}
	return out
}

// weightedCoverage returns the share of the question's groups the
// section holds, each weighted by its idf and its weight (see
// plan.weight).
func (m *matcher) weightedCoverage(f found, idf []float64) float64 {
	var got, all float64
	for g, ok := range m.groups(f) {
		w := idf[g] * m.p.weight(g)
		all += w
		if ok {
			got += w
		}
	}
	if all == 0 {
		return 0
	}
	return got / all
}

// sentenceMatch returns the largest share of the question's groups, each
// weighted by its idf, found within width consecutive sentences of the
// section's text: a question usually asks about one sentence of the
// section that answers it.
func (m *matcher) sentenceMatch(f found, idf []float64, width int) float64 {
	var total float64
	for _, w := range idf {
		total += w
	}
	ns := f.nSents
	if total == 0 || ns == 0 {
		return 0
	}
	in := make([]bool, len(m.alts)*ns) // group g in sentence s: in[g*ns+s]
	count := make([]int, ns)
	for g, alts := range m.alts {
		row := in[g*ns : (g+1)*ns]
		for _, alt := range alts {
			// All terms of the alternative in one sentence.
			clear(count)
			for i, k := range alt {
				for _, s := range f.sents[k] {
					if count[s] == i {
						count[s] = i + 1
					}
				}
			}
			for s, c := range count {
				if c == len(alt) {
					row[s] = true
				}
			}
		}
	}
	best := 0.0
	for s := range ns {
		var sum float64
		for g := range m.alts {
			for k := s; k < s+width && k < ns; k++ {
				if in[g*ns+k] {
					sum += idf[g]
					break
				}
			}
		}
		best = max(best, sum)
	}
	return best / total
}

// formCache remembers the stemmed and light forms of lowercase words, so
// that the sections' words are analysed once, not at every search. It
// stops growing at maxForms words.
type formCache struct {
	mu sync.RWMutex
	m  map[string]forms
}

type forms struct{ stem, light string }

const maxForms = 100_000

func newFormCache() *formCache { return &formCache{m: map[string]forms{}} }

func (c *formCache) get(w string) forms {
	c.mu.RLock()
	f, ok := c.m[w]
	c.mu.RUnlock()
	if ok {
		return f
	}
	f = forms{stem: stemForm(w), light: lightForm(w)}
	if utf8.RuneCountInString(w) <= 40 {
		c.mu.Lock()
		if len(c.m) < maxForms {
			c.m[strings.Clone(w)] = f
		}
		c.mu.Unlock()
	}
	return f
}
