package triage

import (
	"strings"
	"testing"
)

// A message typed without æ, ø and å gets them back on the lexicons'
// words; spellings that are words of their own and English messages stay
// as typed.
func TestUnfold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"mamma dode i gar, hva gjor jeg na", "mamma døde i går hva gjør jeg nå"},
		{"har ikke rad til a betale regninga", "har ikke råd til å betale regninga"},
		{"far min dode for en uke siden", "far min døde for en uke siden"},
		{"bestefar dode i gaar, kan vi få den demontert", "bestefar døde i går kan vi få den demontert"},
		{"jeg vil bare do", "jeg vil bare dø"},
		{"I clicked a link and paid", "i clicked a link and paid"},
		{"How do I pay", "how do i pay"},
		{"Hei. Dette er siste melding, last time I write", "hei dette er siste melding last time i write"},
		{"Kan Tor logge inn for meg", "kan tor logge inn for meg"},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range analyse(tt.in).tokens {
			got = append(got, tk.surface)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("analyse(%q) = %q, want %q", tt.in, g, tt.want)
		}
	}
	// Common words and names that are also lexicon words without their
	// letters stay as typed.
	for _, w := range []string{"far", "for", "sa", "los", "tor", "vare", "spor", "sann", "maler", "last"} {
		if u, ok := unfoldTable()[w]; ok {
			t.Errorf("%q is unfolded to %q although it is a word of its own", w, u)
		}
	}
}
