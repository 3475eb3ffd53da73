package kb

import (
	"slices"
	"strings"
	"testing"
)

// sentences splits text at sentenceEnds, trimmed.
func sentences(text string) []string {
	var out []string
	from := 0
	for _, end := range sentenceEnds(text) {
		if s := strings.TrimSpace(text[from:end]); s != "" {
			out = append(out, s)
		}
		from = end
	}
	return out
}

func TestSentenceEnds(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"two sentences", "Fakturaen kommer. Den må betales.", []string{"Fakturaen kommer.", "Den må betales."}},
		{"question and exclamation", "Har du flyttet? Meld fra! Takk.", []string{"Har du flyttet?", "Meld fra!", "Takk."}},
		{"bl.a.", "Du kan bl.a. betale med Vipps. Eller kort.", []string{"Du kan bl.a. betale med Vipps.", "Eller kort."}},
		{"f.eks. before a capital", "Bruk en app, f.eks. Vipps eller nettbank.", []string{"Bruk en app, f.eks. Vipps eller nettbank."}},
		{"kl. before a time", "Vi åpner kl. 08 og stenger kl. 16. Velkommen.", []string{"Vi åpner kl. 08 og stenger kl. 16.", "Velkommen."}},
		{"ca. and nr.", "Det koster ca. 39 kr. Se faktura nr. 12 for detaljer.", []string{"Det koster ca. 39 kr.", "Se faktura nr. 12 for detaljer."}},
		{"initial", "Saken ble ledet av K. Olsen i retten.", []string{"Saken ble ledet av K. Olsen i retten."}},
		{"year ends a sentence", "Loven kom i 1905. Deretter skjedde mye.", []string{"Loven kom i 1905.", "Deretter skjedde mye."}},
		{"ordinal date", "Møtet er 1. juni i Oslo.", []string{"Møtet er 1. juni i Oslo."}},
		{"lowercase after period", "Prisen er 1.5 kr. per kWh totalt.", []string{"Prisen er 1.5 kr. per kWh totalt."}},
		{"line break", "Overskrift\nFørste linje uten punktum\n\nNeste avsnitt.", []string{"Overskrift", "Første linje uten punktum", "Neste avsnitt."}},
		{"quote and dash", "Han sa: «Nei.» – Det stemmer ikke.", []string{"Han sa: «Nei.»", "– Det stemmer ikke."}},
		{"ellipsis", "Vent litt... Så kom det.", []string{"Vent litt...", "Så kom det."}},
		{"no final period", "Ingen punktum her", []string{"Ingen punktum her"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sentences(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("sentences(%q) =\n%q\nwant\n%q", tt.text, got, tt.want)
			}
			ends := sentenceEnds(tt.text)
			if len(ends) == 0 || ends[len(ends)-1] != len(tt.text) || !slices.IsSorted(ends) {
				t.Errorf("ends = %v, want sorted and ending at %d", ends, len(tt.text))
			}
		})
	}
}
