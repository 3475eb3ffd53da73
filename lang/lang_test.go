package lang

import (
	"testing"

	"github.com/los-bot/los"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name, text string
		want       los.Standard
	}{
		{"bokmål question", "Hvordan endrer jeg fakturaadressen min?", los.Bokmal},
		{"nynorsk question", "Korleis endrar eg fakturaadressa mi?", los.Nynorsk},
		{"nynorsk negation", "Eg har ikkje fått rekninga frå dykk", los.Nynorsk},
		{"bokmål negation", "Jeg har ikke fått regningen fra dere", los.Bokmal},
		{"english", "How do I change my billing address?", los.English},
		{"no words", "500 / 1000", los.Bokmal},
		{"nynorsk straum", "Kvifor er straumen så dyr no?", los.Nynorsk},
		{"english with Norwegian name", "Where is Tromsø office?", los.English},
		{"nynorsk with dette and også", "Dette gjeld også for dei som bur i Bergen.", los.Nynorsk},
		{"nynorsk hos", "Eg er kunde hos dykk og vil seie opp avtalen.", los.Nynorsk},
		{"bokmål loan word", "Shopping med kort i nettbutikken deres", los.Bokmal},
		{"nynorsk polite de", "Har de fiber i Lærdal?", los.Nynorsk},
		{"bokmål they", "De sa at fiberen kommer i mai.", los.Bokmal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.text); got != tt.want {
				t.Errorf("Detect(%q) = %s, want %s", tt.text, got, tt.want)
			}
		})
	}
}

// TestSharedWordsAreNoMarkers: words of both standards' norms mark
// neither.
func TestSharedWordsAreNoMarkers(t *testing.T) {
	for _, w := range []string{"dette", "denne", "også", "hos", "derfor", "mitt", "blir", "skal", "betaler"} {
		if v, ok := markers[w]; ok && (v[index(los.Bokmal)] != 0 || v[index(los.Nynorsk)] != 0) {
			t.Errorf("%q is a marker: %v", w, v)
		}
	}
}

func TestGuess(t *testing.T) {
	g := Identify("Eg har ikkje fått rekninga frå dykk, og no er fristen ute.")
	if g.Lang != los.Nynorsk || g.Confidence() < 0.9 || !g.Marked || g.LogOdds[index(los.Nynorsk)] <= 0 {
		t.Errorf("clear Nynorsk: %+v, confidence %.2f", g, g.Confidence())
	}
	if g := Identify("…"); g.Words != 0 || g.Lang != los.Bokmal || g.Confidence() > 0.34 {
		t.Errorf("no words: %+v", g)
	}
}

func TestParseAndAcceptLanguage(t *testing.T) {
	for in, want := range map[string]los.Standard{"nb-NO": los.Bokmal, "no": los.Bokmal, "NN": los.Nynorsk, "en_GB": los.English} {
		if got, ok := Parse(in); !ok || got != want {
			t.Errorf("Parse(%q) = %s, %v", in, got, ok)
		}
	}
	if _, ok := Parse("de"); ok {
		t.Error("Parse(de) accepted")
	}
	for in, want := range map[string]los.Standard{"nn-NO,nn;q=0.9,en;q=0.5": los.Nynorsk, "de-DE,en;q=0.8": los.English, "": los.Bokmal, "fr": los.Bokmal} {
		if got := FromAcceptLanguage(in); got != want {
			t.Errorf("FromAcceptLanguage(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestNorwegianPrepositionIIsNotEnglish(t *testing.T) {
	// Valid Bokmål and Nynorsk alike; what matters is that it is no English.
	if got := Detect("Fiber i Bergen"); got == los.English {
		t.Errorf("Detect = %s, want nb or nn", got)
	}
}

func TestBand(t *testing.T) {
	for in, want := range map[string]string{"Hei!": BandShort, "en to tre fire fem": BandShort, "en to tre fire fem seks": BandMedium, "- – 1 2 3 4 5 6": BandMedium} {
		if got := Band(in); got != want {
			t.Errorf("Band(%q) = %s, want %s", in, got, want)
		}
	}
}
