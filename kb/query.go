package kb

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Weights of the query parts. The light fields hold near-exact forms, so a
// match there adds to the stemmed match. The head (title, heading, tags)
// is searched as a clause of its own per word: a head match counts as one
// more matched clause, which raises Bleve's coordination factor, and adds
// a little score. A larger head weight made retrieval worse on NorQuAD,
// where one title word would outrank a passage matching the whole
// question.
const (
	boostHead    = 0.05
	boostLight   = 1.0
	boostSynonym = 0.8
)

var tokenizer = unicode.NewUnicodeTokenizer()

// tokenize splits text into lowercase words, as the index analyzers do.
func tokenize(text string) []string {
	words, _ := tokenizeCase(text)
	return words
}

// wordCase tells how a word was written.
type wordCase uint8

const (
	lowerCase   wordCase = iota
	capitalised          // "Oslo"
	acronym              // "VAR", "NAV": kept even when it spells a stop word
)

func tokenizeCase(text string) ([]string, []wordCase) {
	toks := tokenizer.Tokenize([]byte(text))
	words := make([]string, 0, len(toks))
	cases := make([]wordCase, 0, len(toks))
	for _, t := range toks {
		w := string(t.Term)
		lw := strings.ToLower(w)
		c := lowerCase
		switch {
		case isAcronym(w):
			c = acronym
		case lw != w:
			c = capitalised
		}
		words, cases = append(words, lw), append(cases, c)
	}
	return words, cases
}

// term is one content word of a question, analysed for both fields.
type term struct{ light, stem string }

func newTerm(w string) term { return term{light: lightForm(w), stem: stemForm(w)} }

// plan is a question analysed for search: one group per distinct content
// word, each with alternatives (the word itself first, then synonyms, each
// a list of terms that must all match).
type plan struct {
	words  []string // content words, one per group
	alts   [][][]term
	exps   []Expansion
	phrase []term // the content terms in question order, for proximity
}

func analyze(q string, syn *Synonyms) plan {
	var p plan
	all, cases := tokenizeCase(q)
	groupAt := make([]int, len(all))
	byLight := map[string]int{}
	for i, w := range all {
		groupAt[i] = -1
		if isStopWord(w) && cases[i] != acronym {
			continue
		}
		t := newTerm(w)
		p.phrase = append(p.phrase, t)
		if g, ok := byLight[t.light]; ok {
			groupAt[i] = g
			continue
		}
		byLight[t.light] = len(p.words)
		groupAt[i] = len(p.words)
		p.words = append(p.words, w)
		p.alts = append(p.alts, [][]term{{t}})
	}
	spans, exps := syn.match(all)
	for k, sp := range spans {
		var alts [][]term
		for _, m := range exps[k].Synonyms {
			var ts []term
			for _, w := range tokenize(m) {
				if !isStopWord(w) {
					ts = append(ts, newTerm(w))
				}
			}
			if len(ts) > 0 {
				alts = append(alts, ts)
			}
		}
		used := false
		for i := sp[0]; i < sp[1]; i++ {
			if g := groupAt[i]; g >= 0 && len(alts) > 0 {
				p.alts[g] = append(p.alts[g], alts...)
				used = true
			}
		}
		if used {
			p.exps = append(p.exps, exps[k])
		}
	}
	return p
}

// query builds the Bleve query for the plan: a disjunction with, for each
// alternative of each word, one clause on the text fields and one on the
// head fields. Bleve multiplies a disjunction's score by the share of
// clauses matched, so a section matching more of the question's words (or
// matching them in its title) ranks higher.
func (p plan) query() query.Query {
	seen := map[string]bool{}
	var clauses []query.Query
	for _, alts := range p.alts {
		for i, alt := range alts {
			key := altKey(alt)
			if seen[key] {
				continue
			}
			seen[key] = true
			boost := 1.0
			if i > 0 {
				boost = boostSynonym
			}
			if len(alt) == 1 {
				t := alt[0]
				clauses = append(clauses,
					query.NewDisjunctionQuery([]query.Query{
						fieldTerm(fieldTextS, t.stem, boost),
						fieldTerm(fieldTextL, t.light, boost*boostLight),
					}),
					query.NewDisjunctionQuery([]query.Query{
						fieldTerm(fieldHeadS, t.stem, boost*boostHead),
						fieldTerm(fieldHeadL, t.light, boost*boostHead*boostLight),
					}))
				continue
			}
			parts := make([]query.Query, len(alt))
			for j, t := range alt {
				parts[j] = query.NewDisjunctionQuery([]query.Query{
					fieldTerm(fieldTextS, t.stem, boost),
					fieldTerm(fieldTextL, t.light, boost*boostLight),
					fieldTerm(fieldHeadS, t.stem, boost*boostHead),
					fieldTerm(fieldHeadL, t.light, boost*boostHead*boostLight),
				})
			}
			clauses = append(clauses, query.NewConjunctionQuery(parts))
		}
	}
	return query.NewDisjunctionQuery(clauses)
}

func altKey(alt []term) string {
	var b strings.Builder
	for _, t := range alt {
		b.WriteString(t.light)
		b.WriteByte(' ')
	}
	return b.String()
}

func fieldTerm(field, value string, boost float64) *query.TermQuery {
	q := query.NewTermQuery(value)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// matched returns, for one hit, which groups matched: a group matches
// when all terms of one of its alternatives occur in the section.
func (p plan) matched(stems, lights map[string]bool) []bool {
	out := make([]bool, len(p.alts))
	for g, alts := range p.alts {
		for _, alt := range alts {
			all := true
			for _, t := range alt {
				if !stems[t.stem] && !lights[t.light] {
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
