package lang

import "testing"

func TestDetect(t *testing.T) {
	tests := []struct {
		name, text string
		want       Standard
	}{
		{"bokmål question", "Hvordan endrer jeg fakturaadressen min?", Bokmal},
		{"nynorsk question", "Korleis endrar eg fakturaadressa mi?", Nynorsk},
		{"nynorsk negation", "Eg har ikkje fått rekninga frå dykk", Nynorsk},
		{"bokmål negation", "Jeg har ikke fått regningen fra dere", Bokmal},
		{"english", "How do I change my billing address?", English},
		{"no markers", "Fiber 500", Bokmal},
		{"nynorsk straum", "Kvifor er straumen så dyr no?", Nynorsk},
		{"english with Norwegian name", "Where is Tromsø office?", English},
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
	for in, want := range map[string]Standard{"nb-NO": Bokmal, "no": Bokmal, "NN": Nynorsk, "en_GB": English} {
		if got, ok := Parse(in); !ok || got != want {
			t.Errorf("Parse(%q) = %s, %v", in, got, ok)
		}
	}
	if _, ok := Parse("de"); ok {
		t.Error("Parse(de) accepted")
	}
	for in, want := range map[string]Standard{"nn-NO,nn;q=0.9,en;q=0.5": Nynorsk, "de-DE,en;q=0.8": English, "": Bokmal, "fr": Bokmal} {
		if got := FromAcceptLanguage(in); got != want {
			t.Errorf("FromAcceptLanguage(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestNorwegianPrepositionIIsNotEnglish(t *testing.T) {
	if got := Detect("Fiber i Bergen"); got != Bokmal {
		t.Errorf("Detect = %s, want nb", got)
	}
}
