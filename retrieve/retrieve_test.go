package retrieve_test

import (
	"context"
	"testing"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/retrieve"
)

func TestRetrievePrefersTheCustomersStandard(t *testing.T) {
	ctx := context.Background()
	articles, err := kb.Demo()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := kb.Open("", kb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Rebuild(ctx, articles, "1", nil); err != nil {
		t.Fatal(err)
	}
	r := retrieve.Index{Index: ix}
	tests := []struct {
		name, q string
		l       los.Standard
		slug    string // "" any
	}{
		{"nb", "Hvordan endrer jeg fakturaadressen min?", los.Bokmal, "endre-fakturaadresse"},
		{"nn", "Korleis endrar eg adressa på rekninga?", los.Nynorsk, "endre-rekningsadresse"},
		// A Nynorsk conversation whose message reads like the Bokmål
		// article: its Nynorsk twin answers.
		{"nn, Bokmål words", "Hvordan endrer jeg fakturaadressen min?", los.Nynorsk, "endre-rekningsadresse"},
		{"nb, Nynorsk words", "Kva gjer eg når straumen er borte?", los.Bokmal, "stromstans-kompensasjon"},
		{"en, Bokmål words", "åpningstider kundeservice telefon", los.English, "contact-and-opening-hours"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.Retrieve(ctx, tt.q, tt.l, 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) == 0 || !got[0].Relevant || got[0].Lang != tt.l || got[0].Text == "" || tt.slug != "" && got[0].Slug != tt.slug {
				t.Fatalf("top source = %+v, want a relevant %s passage of %s with text", got, tt.l, tt.slug)
			}
		})
	}
}
