package lang

import (
	"bytes"
	_ "embed" // the model
	"math"
	"strings"
	"sync"

	"github.com/los-bot/los"
)

//go:generate go run ./internal/train -corpus corpus -o model.bin

// modelBytes is the shipped model, trained by `go generate ./lang` (see
// corpus/README.md for the data and its licences).
//
//go:embed model.bin
var modelBytes []byte

var shipped = sync.OnceValue(func() *Model {
	m, err := ReadModel(bytes.NewReader(modelBytes))
	if err != nil {
		panic("lang: the embedded model is broken: " + err.Error())
	}
	return m
})

// Combination of the model and the marker words, chosen on the tuning data
// (UD training part by cross-validation and the tuning parts of the blind
// sets).
var (
	// markerWeight scales the marker scores against the model's.
	markerWeight = 2.0
	// englishMargin is how far English must lead the better Norwegian
	// standard when the text has no English marker word: short Norwegian
	// texts of loan words ("Shopping:") are not English.
	englishMargin = 2.0
	// nordicPenalty is taken from English for a text with æ, ø or å.
	nordicPenalty = 3.0
	// bokmalPrior is added to Bokmål: most Norwegian customers write it,
	// so a text with no sign either way ("ok", "nei") is read as Bokmål.
	// The model gives such texts log-odds near 0 (it is trained on the
	// ambiguous UD sentences as both standards), so the prior decides
	// them and little else: 0.5 was chosen by cross-validation inside the
	// UD training part and on the tuning parts of the blind sets.
	bokmalPrior = 0.5
)

// Guess is the detector's verdict on a text.
type Guess struct {
	Lang los.Standard
	// LogOdds of each standard (in the order of All) against the best other
	// one: positive only for Lang; near 0 when the text gives little sign.
	LogOdds [numStd]float64
	// Marked is true when the text holds a marker word of any standard.
	Marked bool
	// Words is the number of words read; 0 means no sign at all and Lang
	// is Bokmål, the most common standard.
	Words int
}

// Confidence is the probability the model gives Lang, between 1/3 and 1.
func (g Guess) Confidence() float64 {
	if g.Words == 0 {
		return 1.0 / numStd
	}
	var sum float64
	for i := range g.LogOdds {
		sum += math.Exp(g.LogOdds[i] - g.LogOdds[index(g.Lang)])
	}
	return 1 / sum
}

// Identify detects the written standard of text with the shipped model and
// the marker words.
func Identify(text string) Guess { return shipped().Identify(text) }

// Identify detects the written standard of text with model m and the
// marker words.
func (m *Model) Identify(text string) Guess {
	ws := words(text)
	g := Guess{Lang: los.Bokmal, Words: len(ws)}
	if len(ws) == 0 {
		return g
	}
	z, _ := m.Scores(text)
	mk, found := markerScores(ws)
	g.Marked = found
	for i := range z {
		z[i] += markerWeight * mk[i]
	}
	z[index(los.Bokmal)] += bokmalPrior
	en := index(los.English)
	if strings.ContainsAny(text, "æøåÆØÅ") {
		z[en] -= nordicPenalty
	}
	if mk[en] == 0 {
		z[en] -= englishMargin
	}
	best := 0
	for i := range z {
		if z[i] > z[best] {
			best = i
		}
	}
	g.Lang = All[best]
	for i := range z {
		other := math.Inf(-1)
		for j := range z {
			if j != i {
				other = max(other, z[j])
			}
		}
		g.LogOdds[i] = z[i] - other
	}
	return g
}

// Detect guesses the written standard of text. It returns Bokmål when the
// text has no words, since most Norwegian customers write Bokmål.
func Detect(text string) los.Standard { return Identify(text).Lang }

// DetectScore is Detect that also says whether the text held a marker word
// of any standard (the triage reads unmarked text with its English rules
// too).
func DetectScore(text string) (los.Standard, bool) {
	g := Identify(text)
	return g.Lang, g.Marked
}
