// Package lang tells the written standards apart: Norwegian Bokmål, Norwegian
// Nynorsk and English. The type Standard is the domain's (package los).
package lang

import (
	"strings"
	"unicode"

	"github.com/los-bot/los"
)

// Parse returns the standard named by s ("nb", "nn", "en", also "no",
// "nb-NO", "nn-NO", "en-GB" and the like) and whether s named one.
func Parse(s string) (los.Standard, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i > 0 {
		s = s[:i]
	}
	switch s {
	case "nb", "no", "nob":
		return los.Bokmal, true
	case "nn", "nno":
		return los.Nynorsk, true
	case "en", "eng":
		return los.English, true
	}
	return "", false
}

// Words that mark one standard and are rare in the others. Weights favour
// the most reliable markers.
var markers = map[string]map[los.Standard]float64{}

func mark(s los.Standard, w float64, words ...string) {
	for _, x := range words {
		if markers[x] == nil {
			markers[x] = map[los.Standard]float64{}
		}
		markers[x][s] = w
	}
}

func init() {
	mark(los.Nynorsk, 3, "ikkje", "eg", "kva", "korleis", "kvar", "frå", "berre", "heime",
		"noko", "nokon", "dykk", "dykkar", "sjølv", "rekning", "rekninga", "straum",
		"straumen", "kven", "kvifor", "kjem", "mykje", "vere", "vore", "gjere", "seie",
		"høyrer", "veit", "då", "fekk", "bur", "nokre", "hjå", "treng", "ynskjer",
		"ønskjer", "fleire", "saman", "difor", "sidan", "utan", "òg", "enno", "kvart",
		"eigen", "eige", "mi", "endrar", "korfor", "nett-tenester", "ei")
	mark(los.Nynorsk, 1, "eit", "ein", "kor", "ho")
	mark(los.Bokmal, 3, "ikke", "jeg", "hva", "hvordan", "hvor", "fra", "bare", "hjemme",
		"noe", "noen", "dere", "deres", "selv", "regning", "regningen", "strøm",
		"strømmen", "hvem", "hvorfor", "kommer", "mye", "være", "vært", "gjøre",
		"hører", "vet", "fikk", "bor", "hos", "trenger", "ønsker", "flere", "sammen",
		"derfor", "siden", "uten", "også", "ennå", "hvert", "egen", "dette", "denne",
		"mitt", "hennes", "kun", "endrer")
	mark(los.Bokmal, 1, "et", "en")
	mark(los.English, 3, "the", "you", "what", "how", "where", "my", "is", "are",
		"can", "do", "does", "with", "from", "please", "want", "need", "bill", "invoice",
		"why", "when", "have", "has", "will", "would", "your", "this", "that", "it")
}

// Detect guesses the written standard of text. It returns Bokmål when the
// text gives no clear sign, since most Norwegian customers write Bokmål.
func Detect(text string) los.Standard {
	s, _ := DetectScore(text)
	return s
}

// DetectScore is Detect that also says whether the text carried any marker.
func DetectScore(text string) (los.Standard, bool) {
	score := map[los.Standard]float64{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	}) {
		for s, v := range markers[w] {
			score[s] += v
		}
	}
	if strings.ContainsAny(text, "æøåÆØÅ") {
		score[los.English] -= 3
	}
	best, bestScore := los.Bokmal, 0.0
	for _, s := range los.Standards {
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
func FromAcceptLanguage(header string) los.Standard {
	for _, part := range strings.Split(header, ",") {
		tag, _, _ := strings.Cut(part, ";")
		if s, ok := Parse(tag); ok {
			return s
		}
	}
	return los.Bokmal
}
