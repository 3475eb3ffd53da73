package kb

import (
	"slices"
	"testing"
)

func words(text string) []string {
	var out []string
	eachWord(text, func(w string, start int) {
		if text[start:start+len(w)] != w {
			panic("offset does not match the word")
		}
		out = append(out, w)
	})
	return out
}

func TestEachWord(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"plain", "Strømmen går.", []string{"Strømmen", "går"}},
		{"hyphen splits", "e-post og TV-pakke", []string{"e", "post", "og", "TV", "pakke"}},
		{"abbreviation holds", "bl.a. f.eks.", []string{"bl.a", "f.eks"}},
		{"numbers hold", "3,5 kWh for 1.000 kr", []string{"3,5", "kWh", "for", "1.000", "kr"}},
		{"letters and digits", "Rema 1000-butikken A4", []string{"Rema", "1000", "butikken", "A4"}},
		{"apostrophe between letters", "don't stop", []string{"don't", "stop"}},
		{"trailing punctuation", "Hei, du! (ja)", []string{"Hei", "du", "ja"}},
		{"ideographs", "长江 river", []string{"长", "江", "river"}},
		{"empty", "  ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := words(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("words(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestEachWordAgreesWithIndex checks eachWord against the index's
// tokenizer on the demo articles: the re-ranking must see the words the
// index saw.
func TestEachWordAgreesWithIndex(t *testing.T) {
	articles, err := Demo()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range articles {
		text := plainText(a.Title + "\n" + a.Body)
		var want []string
		for _, tok := range tokenizer.Tokenize([]byte(text)) {
			want = append(want, string(tok.Term))
		}
		if got := words(text); !slices.Equal(got, want) {
			t.Errorf("%s: eachWord and the index's tokenizer disagree", a.Slug)
		}
	}
}
