package kb

import (
	"math"
	"slices"
	"testing"
)

func TestMatcher(t *testing.T) {
	p := analyze("Når ble Nortraship dannet i London?", &Synonyms{})
	if !slices.Equal(p.words, []string{"nortraship", "dannet", "london"}) {
		t.Fatalf("words = %q", p.words)
	}
	idf := []float64{3, 1, 1}
	tests := []struct {
		name       string
		head, text string
		wantGroups []bool
		wantSent   float64
	}{
		{"all in one sentence", "", "Nortraship ble dannet i London i 1940. Det var et rederi.",
			[]bool{true, true, true}, 1},
		{"spread over far sentences", "", "Nortraship var et rederi. Det var stort. Det hadde mange skip. Det ble dannet i London.",
			[]bool{true, true, true}, 3.0 / 5},
		{"two neighbouring sentences", "", "Nortraship var et rederi. Det ble dannet i London.",
			[]bool{true, true, true}, 1},
		{"word in head only", "Nortraship", "Rederiet ble dannet i London.",
			[]bool{true, true, true}, 2.0 / 5},
		{"inflected and capitalised", "", "NORTRASHIPS kontor i London.",
			[]bool{true, false, true}, 4.0 / 5},
		{"nothing", "Annet", "Ingenting her.", []bool{false, false, false}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newMatcher(p, newFormCache())
			f := m.scan(tt.head, tt.text)
			if got := m.groups(f); !slices.Equal(got, tt.wantGroups) {
				t.Errorf("groups = %v, want %v", got, tt.wantGroups)
			}
			if got := m.sentenceMatch(f, idf, 2); math.Abs(got-tt.wantSent) > 1e-9 {
				t.Errorf("sentenceMatch = %v, want %v", got, tt.wantSent)
			}
		})
	}
}

// TestMatcherSynonymOfSeveralWords: an alternative of several words
// matches a sentence that holds all of them, and only such a sentence.
func TestMatcherSynonymOfSeveralWords(t *testing.T) {
	syn, err := ParseSynonyms("s", stringsReader("avtalegiro = direkte trekk"))
	if err != nil {
		t.Fatal(err)
	}
	p := analyze("avtalegiro", syn)
	m := newMatcher(p, newFormCache())
	for _, tt := range []struct {
		text string
		want float64
	}{
		{"Du kan betale med direkte trekk fra konto.", 1},
		{"Trekket skjer direkte.", 1},
		{"Betal direkte. Trekk skjer senere.", 0},
	} {
		if got := m.sentenceMatch(m.scan("", tt.text), []float64{1}, 2); got != tt.want {
			t.Errorf("sentenceMatch(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
