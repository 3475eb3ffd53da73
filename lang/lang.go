// Package lang tells the written standards apart: Norwegian Bokmål, Norwegian
// Nynorsk and English.
package lang

import (
	"strings"
	"unicode"
)

// Standard is a written standard, as a BCP 47 code.
type Standard string

// The written standards Los speaks.
const (
	Bokmal  Standard = "nb"
	Nynorsk Standard = "nn"
	English Standard = "en"
)

// All lists the standards, Bokmål (the reference) first.
var All = []Standard{Bokmal, Nynorsk, English}

// Parse returns the standard named by s ("nb", "nn", "en", also "no",
// "nb-NO", "nn-NO", "en-GB" and the like) and whether s named one.
func Parse(s string) (Standard, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i > 0 {
		s = s[:i]
	}
	switch s {
	case "nb", "no", "nob":
		return Bokmal, true
	case "nn", "nno":
		return Nynorsk, true
	case "en", "eng":
		return English, true
	}
	return "", false
}

// Words that mark one standard and are rare in the others. Weights favour
// the most reliable markers.
var markers = map[string]map[Standard]float64{}

func mark(s Standard, w float64, words ...string) {
	for _, x := range words {
		if markers[x] == nil {
			markers[x] = map[Standard]float64{}
		}
		markers[x][s] = w
	}
}

func init() {
	mark(Nynorsk, 3, "ikkje", "eg", "kva", "korleis", "kvar", "frå", "berre", "heime",
		"noko", "nokon", "dykk", "dykkar", "sjølv", "rekning", "rekninga", "straum",
		"straumen", "kven", "kvifor", "kjem", "mykje", "vere", "vore", "gjere", "seie",
		"høyrer", "veit", "då", "fekk", "bur", "nokre", "hjå", "treng", "ynskjer",
		"ønskjer", "fleire", "saman", "difor", "sidan", "utan", "òg", "enno", "kvart",
		"eigen", "eige", "mi", "endrar", "korfor", "nett-tenester", "ei")
	mark(Nynorsk, 1, "eit", "ein", "kor", "ho")
	mark(Bokmal, 3, "ikke", "jeg", "hva", "hvordan", "hvor", "fra", "bare", "hjemme",
		"noe", "noen", "dere", "deres", "selv", "regning", "regningen", "strøm",
		"strømmen", "hvem", "hvorfor", "kommer", "mye", "være", "vært", "gjøre",
		"hører", "vet", "fikk", "bor", "hos", "trenger", "ønsker", "flere", "sammen",
		"derfor", "siden", "uten", "også", "ennå", "hvert", "egen", "dette", "denne",
		"mitt", "hennes", "kun", "endrer")
	mark(Bokmal, 1, "et", "en")
	mark(English, 3, "the", "you", "what", "how", "where", "my", "is", "are",
		"can", "do", "does", "with", "from", "please", "want", "need", "bill", "invoice",
		"why", "when", "have", "has", "will", "would", "your", "this", "that", "it")
}

// Detect guesses the written standard of text. It returns Bokmål when the
// text gives no clear sign, since most Norwegian customers write Bokmål.
func Detect(text string) Standard {
	s, _ := DetectScore(text)
	return s
}

// DetectScore is Detect that also says whether the text carried any marker.
func DetectScore(text string) (Standard, bool) {
	score := map[Standard]float64{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	}) {
		for s, v := range markers[w] {
			score[s] += v
		}
	}
	if strings.ContainsAny(text, "æøåÆØÅ") {
		score[English] -= 3
	}
	best, bestScore := Bokmal, 0.0
	for _, s := range All {
		if score[s] > bestScore {
			best, bestScore = s, score[s]
		}
	}
	return best, bestScore > 0
}

// FromAcceptLanguage picks the first standard Los speaks from an HTTP
// Accept-Language header, in the order given (weights are ignored: browsers
// list languages in preference order). Plain "no" means Bokmål. It returns
// Bokmål when none matches.
func FromAcceptLanguage(header string) Standard {
	for _, part := range strings.Split(header, ",") {
		tag, _, _ := strings.Cut(part, ";")
		if s, ok := Parse(tag); ok {
			return s
		}
	}
	return Bokmal
}
