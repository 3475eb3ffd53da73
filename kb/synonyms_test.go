package kb

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseSynonyms(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		want     [][]string
		wantLine int
	}{
		{"groups, comments, multi-word", "# kommentar\nfaktura = regning = rekning\n\navtalegiro = automatisk   trekk # slik\n",
			[][]string{{"faktura", "regning", "rekning"}, {"avtalegiro", "automatisk trekk"}}, 0},
		{"no equals sign", "faktura = regning\nbare ett ord\n", nil, 2},
		{"empty member", "faktura = = regning\n", nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseSynonyms("syn.txt", strings.NewReader(tt.text))
			if tt.wantLine > 0 {
				var pe *ParseError
				if !errors.As(err, &pe) || pe.Line != tt.wantLine || pe.File != "syn.txt" {
					t.Fatalf("err = %v, want a ParseError at syn.txt:%d", err, tt.wantLine)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, s.Groups()); diff != "" {
				t.Errorf("groups (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSynonymExpansion(t *testing.T) {
	syn, err := ParseSynonyms("syn.txt", strings.NewReader("faktura = regning = rekning\navtalegiro = automatisk trekk\nmin side = kundeportal\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		query string
		want  []Expansion
	}{
		// "rekning" folds to "regning" already, so it is no synonym to add.
		{"inflected form matches", "Hvor er regningen min?", []Expansion{{Phrase: "regningen", Synonyms: []string{"faktura"}}}},
		{"multi-word member in question", "kan jeg få automatisk trekk", []Expansion{{Phrase: "automatisk trekk", Synonyms: []string{"avtalegiro"}}}},
		{"member with stop word", "logg inn på min side", []Expansion{{Phrase: "min side", Synonyms: []string{"kundeportal"}}}},
		{"nothing to expand", "hva koster fiber", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := analyze(tt.query, syn).exps
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("expansions of %q (-want +got):\n%s", tt.query, diff)
			}
		})
	}
}

func TestDefaultSynonyms(t *testing.T) {
	s := DefaultSynonyms()
	if len(s.Groups()) == 0 {
		t.Fatal("DefaultSynonyms has no groups")
	}
	p := analyze("Hvor finner jeg rekninga?", s)
	if len(p.exps) == 0 {
		t.Errorf("no synonyms applied to a question with %q", "rekninga")
	}
}
