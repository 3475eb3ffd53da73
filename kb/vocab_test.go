package kb

import (
	"context"
	"slices"
	"testing"
)

func TestCompounds(t *testing.T) {
	ctx := context.Background()
	articles := []Article{
		art("a", "Strøm", "Strømavtalen din og fastprisavtalen. Strømavtaler har bindingstid."),
		art("b", "Spot", "Spotavtale, strømavtale og en avtale til."),
		art("c", "Bil", "Elbil og bil. Nettleien og leie."),
	}
	ix := memIndex(t, Options{Synonyms: &Synonyms{}}, articles...)
	tests := []struct {
		name  string
		head  string
		limit int
		want  []string
	}{
		{"compounds, most common first", lightForm("avtale"), 10, []string{lightForm("strømavtale"), lightForm("fastprisavtale"), lightForm("spotavtale")}},
		{"limit keeps the most common", lightForm("avtale"), 1, []string{lightForm("strømavtale")}},
		{"modifier too short", lightForm("bil"), 10, nil},
		{"the word itself is no compound", lightForm("strømavtale"), 10, nil},
		{"nynorsk folded", lightForm("leige"), 10, []string{lightForm("nettleie")}},
		{"unknown head", "hus", 10, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ix.voc.compounds(tt.head, tt.limit)
			if !slices.Equal(got, tt.want) {
				t.Errorf("compounds(%q) = %q, want %q", tt.head, got, tt.want)
			}
		})
	}

	// Put adds the new article's words.
	if got := ix.voc.compounds(lightForm("gebyr"), 10); len(got) != 0 {
		t.Fatalf("compounds before Put = %q", got)
	}
	if err := ix.Put(ctx, art("d", "Gebyr", "Fakturagebyret er 39 kr.")); err != nil {
		t.Fatal(err)
	}
	if got := ix.voc.compounds(lightForm("gebyr"), 10); !slices.Equal(got, []string{lightForm("fakturagebyret")}) {
		t.Errorf("compounds after Put = %q", got)
	}
}

// TestExpansion: a question word finds the compounds that end in it, and a
// misspelt word the index lacks finds the word one edit away.
func TestExpansion(t *testing.T) {
	articles := []Article{
		art("trailer", "Funn i Essex", "Semitraileren kom til England lørdag via havna i Holyhead."),
		art("nortraship", "Handelsflåten", "Nortraship administrerte handelsflåten under krigen."),
		art("england", "Fotball", "England spilte mot Skottland lørdag."),
	}
	ix := memIndex(t, Options{Synonyms: &Synonyms{}}, articles...)
	tests := []struct {
		name, query, want string
		wantCover         float64
	}{
		{"compound found by its last part", "Når kom traileren til England?", "trailer", 1},
		{"misspelt name", "Hva var Nortaship?", "nortraship", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := mustSearch(t, ix, tt.query)
			if len(hits) == 0 || hits[0].Slug != tt.want {
				t.Fatalf("hits = %v, want %s first", slugs(hits), tt.want)
			}
			if hits[0].Coverage != tt.wantCover {
				t.Errorf("coverage = %v (matched %v), want %v", hits[0].Coverage, hits[0].Matched, tt.wantCover)
			}
		})
	}
}
