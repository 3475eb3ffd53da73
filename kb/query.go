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
	// boostAsk weighs a match in the example questions given to a section.
	boostAsk = 0.5
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
type term struct {
	light, stem string
	// variants are other light forms that count as the word: compounds
	// ending in it, and near spellings of a word the index lacks.
	variants []string
}

func newTerm(w string) term { return term{light: lightForm(w), stem: stemForm(w)} }

// plan is a question analysed for search: one group per distinct content
// word, each with alternatives (the word itself first, then synonyms, each
// a list of terms that must all match).
type plan struct {
	words []string // content words, one per group
	alts  [][][]term
	exps  []Expansion
	attr  []groupAttr // per group
	want  answerType  // the kind of answer asked for
	// translated: the question is in English and its synonyms include the
	// glossary's Norwegian words, which then count as much as its own.
	translated bool
}

// groupAttr tells how a group of the question counts.
type groupAttr struct {
	pos  int  // position of its first word in the question; -1 for context
	weak bool // a weak word (see weakWords)
	cue  bool // a word asking for the kind of answer plan.want
	ctx  bool // from the conversation's earlier messages (SearchOptions.Context)
}

// weight is how much group g counts in Coverage and in the search.
func (p plan) weight(g int) float64 {
	w := 1.0
	if p.attr[g].weak {
		w *= weakWeight
	}
	if p.attr[g].ctx {
		w *= contextWeight
	}
	return w
}

// analyze reads a question with the synonyms of each of syns applied
// (nil ones are skipped).
func analyze(q string, syns ...*Synonyms) plan {
	p := plan{want: questionType(q)}
	all, cases := tokenizeCase(q)
	groupAt := make([]int, len(all))
	byLight := map[string]int{}
	for i, w := range all {
		groupAt[i] = -1
		if isStopWord(w) && cases[i] != acronym {
			continue
		}
		t := newTerm(w)
		if g, ok := byLight[t.light]; ok {
			groupAt[i] = g
			continue
		}
		byLight[t.light] = len(p.words)
		groupAt[i] = len(p.words)
		p.words = append(p.words, w)
		p.alts = append(p.alts, [][]term{{t}})
		p.attr = append(p.attr, groupAttr{pos: i, weak: isWeak(w), cue: p.want != anyAnswer && isCue(p.want, w)})
	}
	for _, syn := range syns {
		p.applySynonyms(syn, all, groupAt)
	}
	return p
}

// applySynonyms adds the members of syn's groups found in the question's
// words all as alternatives of the groups they span.
func (p *plan) applySynonyms(syn *Synonyms, all []string, groupAt []int) {
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
}

// query builds the Bleve query for the plan: a disjunction with, for each
// alternative of each word, one clause on the text fields and one on the
// head fields. Bleve multiplies a disjunction's score by the share of
// clauses matched, so a section matching more of the question's words (or
// matching them in its title) ranks higher. reaches, if not nil, limits
// how far each group is searched (see firstPass).
//
// withAsk adds the example-question field; an index without example
// questions is searched without it, which saves a clause per word.
func (p plan) query(reaches []reach, withAsk bool) query.Query {
	seen := map[string]bool{}
	var clauses []query.Query
	for g, alts := range p.alts {
		var r reach
		if reaches != nil {
			r = reaches[g]
		}
		if r == reachNone {
			continue
		}
		head := r == reachHead
		for i, alt := range alts {
			key := altKey(alt, head)
			if seen[key] {
				continue
			}
			seen[key] = true
			boost := 1.0
			if i > 0 && !p.translated {
				boost = boostSynonym
			}
			boost *= p.weight(g)
			if len(alt) == 1 {
				t := alt[0]
				if !head {
					text := []query.Query{
						fieldTerm(fieldTextS, t.stem, boost),
						fieldTerm(fieldTextL, t.light, boost*boostLight),
					}
					for _, v := range t.variants {
						text = append(text, fieldTerm(fieldTextL, v, boost*boostVariant))
					}
					clauses = append(clauses, query.NewDisjunctionQuery(text))
				}
				if head {
					// One field is enough for a common word.
					clauses = append(clauses, fieldTerm(fieldHeadL, t.light, boost*boostHead*boostLight))
					if withAsk {
						clauses = append(clauses, fieldTerm(fieldAskL, t.light, boost*boostAsk))
					}
					continue
				}
				clauses = append(clauses, query.NewDisjunctionQuery([]query.Query{
					fieldTerm(fieldHeadS, t.stem, boost*boostHead),
					fieldTerm(fieldHeadL, t.light, boost*boostHead*boostLight),
				}))
				if withAsk {
					clauses = append(clauses, query.NewDisjunctionQuery([]query.Query{
						fieldTerm(fieldAskS, t.stem, boost*boostAsk),
						fieldTerm(fieldAskL, t.light, boost*boostAsk),
					}))
				}
				continue
			}
			parts := make([]query.Query, len(alt))
			for j, t := range alt {
				fields := []query.Query{
					fieldTerm(fieldHeadS, t.stem, boost*boostHead),
					fieldTerm(fieldHeadL, t.light, boost*boostHead*boostLight),
				}
				if withAsk {
					fields = append(fields, fieldTerm(fieldAskL, t.light, boost*boostAsk))
				}
				if !head {
					fields = append(fields,
						fieldTerm(fieldTextS, t.stem, boost),
						fieldTerm(fieldTextL, t.light, boost*boostLight))
				}
				parts[j] = query.NewDisjunctionQuery(fields)
			}
			clauses = append(clauses, query.NewConjunctionQuery(parts))
		}
	}
	return query.NewDisjunctionQuery(clauses)
}

func altKey(alt []term, head bool) string {
	var b strings.Builder
	if head {
		b.WriteString("head:")
	}
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
