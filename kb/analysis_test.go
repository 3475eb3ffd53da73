package kb

import (
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

func analyzeWith(t *testing.T, name, text string) []string {
	t.Helper()
	a, err := registry.NewCache().AnalyzerNamed(name)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, tok := range a.Analyze([]byte(text)) {
		out = append(out, string(tok.Term))
	}
	return out
}

func TestAnalyzersAgree(t *testing.T) {
	// Pairs of forms that must meet in at least one field, so that a
	// question with one form finds an article with the other.
	tests := []struct {
		name, a, b string
	}{
		{"faktura definite", "faktura", "fakturaen"},
		{"faktura plural", "faktura", "fakturaene"},
		{"nynorsk definite feminine", "rekninga", "rekning"},
		{"nynorsk to bokmål", "rekninga", "regningen"},
		{"kjem and kommer", "kjem", "kommer"},
		{"straum and strøm", "straumen", "strømmen"},
		{"compound prefix", "straumrekninga", "strømregningen"},
		{"nynorsk plural", "målarane", "målere"},
		{"genitive", "Norges", "Norge"},
		{"passive", "brukes", "bruke"},
		{"undouble", "strømmen", "strøm"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			meet := false
			for _, name := range []string{analyzerStem, analyzerLight} {
				a, b := analyzeWith(t, name, tt.a), analyzeWith(t, name, tt.b)
				if len(a) == 1 && len(b) == 1 && a[0] == b[0] {
					meet = true
				}
			}
			if !meet {
				t.Errorf("%q and %q do not meet: light %v %v, stem %v %v", tt.a, tt.b,
					analyzeWith(t, analyzerLight, tt.a), analyzeWith(t, analyzerLight, tt.b),
					analyzeWith(t, analyzerStem, tt.a), analyzeWith(t, analyzerStem, tt.b))
			}
		})
	}
}

func TestAnalyzersKeepApart(t *testing.T) {
	tests := []struct{ name, a, b string }{
		{"kommer and komet", "kommer", "komet"},
		{"pris and pri", "pris", "prins"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := analyzeWith(t, analyzerLight, tt.a), analyzeWith(t, analyzerLight, tt.b)
			if len(a) == 1 && len(b) == 1 && a[0] == b[0] {
				t.Errorf("light forms of %q and %q are both %q", tt.a, tt.b, a[0])
			}
		})
	}
}

func TestStopWords(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"bokmål question words", "Hvordan endrer jeg fakturaadressen min?", []string{"endr", "fakturaadres"}},
		{"nynorsk question words", "Korleis kan eg endre adressa?", []string{"endr", "adres"}},
		{"english function words", "How do I change my address", []string{"chang", "addres"}},
		{"acronym kept", "Hva står VAR for?", []string{"står", "var"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := analyzeWith(t, analyzerLight, tt.text)
			if len(got) != len(tt.want) {
				t.Fatalf("light analysis of %q = %v, want %v", tt.text, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("light analysis of %q = %v, want %v", tt.text, got, tt.want)
				}
			}
		})
	}
}

var _ analysis.Analyzer = newAnalyzer(lightFilter{})
