package kb

import (
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	unitok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/norwegian"
)

// The analyzers of the index, registered with Bleve once at start.
const (
	// analyzerStem: stop words out, lowercase, Nynorsk folded, then the
	// Norwegian Snowball stemmer. It conflates more than the light field
	// but disagrees on some forms ("faktura" -> "faktur", "fakturaen" ->
	// "faktura"), which the light field covers.
	analyzerStem = "los_stem"
	// analyzerLight: lowercase, stop words out, Nynorsk folded, light
	// stemming only, so near-exact forms score above mere stem matches.
	analyzerLight = "los_light"
)

func init() {
	analyzers := map[string][]analysis.TokenFilter{
		analyzerStem:  {stemFilter{}},
		analyzerLight: {lightFilter{}},
	}
	for name, f := range analyzers {
		filters := f
		err := registry.RegisterAnalyzer(name, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
			return newAnalyzer(filters...), nil
		})
		if err != nil {
			panic(err)
		}
	}
}

func newAnalyzer(last ...analysis.TokenFilter) analysis.Analyzer {
	return &analysis.DefaultAnalyzer{
		Tokenizer:    unitok.NewUnicodeTokenizer(),
		TokenFilters: append([]analysis.TokenFilter{stopFilter{}, lowercase.NewLowerCaseFilter()}, last...),
	}
}

// stopFilter removes the Norwegian (Bokmål and Nynorsk) stop words, the
// question words and common English function words, in any case except
// as acronyms ("VAR" stays, "var" and "Var" go).
type stopFilter struct{}

func (stopFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := in[:0]
	for _, t := range in {
		w := string(t.Term)
		if !stopWords[strings.ToLower(w)] || isAcronym(w) {
			out = append(out, t)
		}
	}
	return out
}

// isAcronym reports whether w is two or more letters, all upper case.
func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}

type lightFilter struct{}

func (lightFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = []byte(lightForm(string(t.Term)))
	}
	return in
}

type stemFilter struct{}

func (stemFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = []byte(stemForm(string(t.Term)))
	}
	return in
}

// stemForm is the stemmed analysis of one lowercase word.
func stemForm(w string) string {
	env := snowballstem.NewEnv(foldNynorsk(w))
	norwegian.Stem(env)
	return env.Current()
}

// isStopWord reports whether the lowercase word w carries no content.
func isStopWord(w string) bool { return stopWords[w] }

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(string(no.NorwegianStopWords), "\n") {
		if i := strings.IndexByte(line, '|'); i >= 0 {
			line = line[:i]
		}
		if w := strings.TrimSpace(line); w != "" {
			m[w] = true
		}
	}
	for _, w := range strings.Fields(extraStopWords) {
		m[w] = true
	}
	return m
}()

// extraStopWords adds question words and modal verbs the Snowball list
// lacks, Nynorsk forms, the function words of spoken and dialect
// writing ("ka", "kossen", "ittj", "dokker"), and English function words
// (English questions go through the same analyzers).
const extraStopWords = `
ka kæ ke kem kæm ko koss kossen korsn kordan åssen hvorsen kofor koffor
ittj itj ikkj inte ente æ jæ mæ dæ sæ dokker dokk dåkker døkk dem dæm døm
sjø lissom liksom asså altså egentlig eigentleg berra bærre
there's it's that's what's i'm i'd i've i'll don't doesn't didn't
can't cannot won't isn't aren't wasn't
hvilket hvilkes kor korfor kva kvifor kvar kvi kven kvart kvat må bør frå vær
hos
mine ditt dine sine våre deres dykkar kan kunne får fikk fekk ca osv
the a an is are was were be been being am do does did how what why when where
who whom which whose can could would should will shall may might must i me my
mine you your yours we our us he she it its they them their this that these
those to of in on at and or but not with from as about into than then there
here if so any some please hi hello thanks thank
`
