package kb

import (
	"context"
	"slices"
	"testing"

	"github.com/los-bot/los"
)

func TestASCIIFold(t *testing.T) {
	for in, want := range map[string]string{"lørdag": "lordag", "åpent": "apent", "aapent": "apent",
		"særlig": "sarlig", "hoey": "hoy", "faktura": "faktura"} {
		if got := asciiFold(in); got != want {
			t.Errorf("asciiFold(%q) = %q, want %q", in, got, want)
		}
	}
	if !foldedStops["pa"] || !foldedStops["nar"] || foldedStops["faktura"] {
		t.Errorf("folded stop words wrong")
	}
}

// TestRealWording: families of customer wording reach the article a
// plainly worded question reaches, on a small index.
func TestRealWording(t *testing.T) {
	ix := memIndex(t, Options{},
		art("apning", "Åpningstider", "Kundeservice har åpent mandag til fredag og lørdag kl. 10–15."),
		art("nettleie", "Nettleie", "Kapasitetsleddet i nettleien avhenger av de tre høyeste timene."),
		art("strom", "Høy strømregning", "Strømregningen er høy når du bruker mye strøm om vinteren."),
		art("dodsfall", "Dødsfall", "Gi beskjed om dødsfallet. Vi tar kontakt i morgen eller i kveld."),
		art("ruter", "Ruteren", "Start ruteren på nytt når internett ikke virker. Lampene viser feil."),
	)
	for _, tc := range []struct{ q, want string }{
		{"naar har dere aapent paa lordag?", "apning"},
		{"hva er kapasitets ledd", "nettleie"},
		{"hvorfor er stromregningen sa hoy", "strom"},
		{"internett virker ikke i kveld, kona trenger det i morgen", "ruter"},
	} {
		hits := mustSearch(t, ix, tc.q)
		if len(hits) == 0 || hits[0].Slug != tc.want {
			t.Errorf("%q: hits = %v, want %s first", tc.q, slugs(hits), tc.want)
		}
	}
	p := analyze("kan kona ringe i morgen", nil)
	if i := slices.Index(p.words, "kona"); i < 0 || !p.attr[i].weak {
		t.Errorf("kona is not a weak word: %+v", p)
	}
}

// TestEnglishGlossary: an English question finds a Norwegian-only
// article through the glossary, and only when asked in English.
func TestEnglishGlossary(t *testing.T) {
	ix := memIndex(t, Options{},
		art("nettleie", "Nettleie", "Nettleien betaler du til nettselskapet."),
		art("ruter", "Ruteren", "Start ruteren på nytt."),
	)
	hits, err := ix.Search(context.Background(), "who do I pay the grid rent to?", SearchOptions{Lang: los.English})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].Slug != "nettleie" || !hits[0].Relevant() {
		t.Errorf("English question: hits = %v", slugs(hits))
	}
	if got := ix.synonymsFor(los.Bokmal); len(got) != 1 {
		t.Errorf("the glossary applies to Norwegian questions")
	}
}
