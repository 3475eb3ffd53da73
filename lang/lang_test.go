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
		{"no markers", "Fiber 500", los.Bokmal},
		{"nynorsk straum", "Kvifor er straumen så dyr no?", los.Nynorsk},
		{"english with Norwegian name", "Where is Tromsø office?", los.English},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.text); got != tt.want {
				t.Errorf("Detect(%q) = %s, want %s", tt.text, got, tt.want)
			}
		})
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
	if got := Detect("Fiber i Bergen"); got != los.Bokmal {
		t.Errorf("Detect = %s, want nb", got)
	}
}
