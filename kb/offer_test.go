package kb

import (
	"context"
	"testing"
)

func TestOfferObject(t *testing.T) {
	tests := []struct{ q, want string }{
		{"Har dere mottatt skifteattesten?", "mottatt"},
		{"Selger dere varmepumper?", "varmepumper"},
		{"kan jeg betale strømregningen med Vipps?", "vipps"},
		{"Er Netflix inkludert i TV-pakken?", "netflix"},
		{"Do you offer prepaid SIM cards?", "prepaid"},
		{"Har dykk studentrabatt på fiber?", "studentrabatt"},
		{"Kan de montere varmepumpe på hytta?", "varmepumpe"},
		{"Kan eg opne brukskonto hjå dykk?", "brukskonto"},
		{"Hvordan endrer jeg fakturaadressen?", ""},
		{"Hvorfor har dere økt nettleien?", ""},
		{"Når har dere tenkt å svare meg?", ""},
		{"Hei, har dere bedriftsavtale?", "bedriftsavtale"},
		{"Kan jeg betale fakturaen senere? Jeg er i Spania med bobilen", ""},
		{"Jeg vil betale purringen. Jeg har vært sykemeldt med ryggen.", ""},
		{"Har de rabatt for pensjonistar?", "pensjonistar"},
		{"får studenter rabatt på fiber hos dere?", "studenter"},
		{"Do you have any discount for seniors?", "seniors"},
		{"hva koster det å ringe til usa fra mobilen?", "usa"},
		{"How much is it to call Norway from Thailand?", "thailand"},
		{"Jeg hadde rabatt til mars. Nå er regningen høyere.", ""},
		{"Noen ringer fra Telenor. Er det svindel?", ""},
		{"I tried calling you yesterday. Can I move my subscription to Bergen?", ""},
	}
	for _, tt := range tests {
		got := ""
		if words, _ := offerObject(tt.q); len(words) > 0 {
			got = words[0]
		}
		if got != tt.want {
			t.Errorf("offerObject(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

// A question whether the company offers something the knowledge base
// never names finds nothing relevant; the same frame about a thing it
// names still does, and so does a word typed without æøå.
func TestUnknownOfferIsNotRelevant(t *testing.T) {
	ix := memIndex(t, Options{}, art("betaling", "Betale fakturaen",
		"Du kan betale fakturaen med AvtaleGiro eller e-faktura i nettbanken. Fakturaen for strømmen kommer hver måned. Beløpet trekkes fra kontoen din."))
	tests := []struct {
		q        string
		relevant bool
	}{
		{"kan jeg betale fakturaen med Vipps?", false},
		{"kan jeg betale fakturaen med AvtaleGiro?", true},
		{"kan jeg betale stromfakturaen med avtalegiro?", true},
		{"Hvordan betaler jeg fakturaen for strømmen?", true},
		{"Kan jeg åpne brukskonto hos dere?", false},
		{"Har dere sendt fakturaen for strømmen?", true},
		{"Har dere studentrabatt for fakturaen?", false},
	}
	for _, tt := range tests {
		hits := mustSearch(t, ix, tt.q)
		if got := len(hits) > 0 && hits[0].Relevant(); got != tt.relevant {
			t.Errorf("%q: relevant = %v (hits %v), want %v", tt.q, got, slugs(hits), tt.relevant)
		}
	}
}

// An editor who attaches the question to an article makes the thing
// known: the same question then finds that article.
func TestUnknownOfferKnownByExampleQuestion(t *testing.T) {
	a := art("betaling", "Betale fakturaen", "Du kan betale fakturaen med AvtaleGiro eller e-faktura i nettbanken.")
	ix := memIndex(t, Options{}, a)
	const q = "kan jeg betale fakturaen med Vipps?"
	if hits := mustSearch(t, ix, q); len(hits) > 0 && hits[0].Relevant() {
		t.Fatalf("before: %q relevant in %v", q, slugs(hits))
	}
	a.Questions = []string{"Kan jeg betale med Vipps?"}
	if err := ix.Put(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if hits := mustSearch(t, ix, q); len(hits) == 0 || hits[0].Slug != "betaling" || !hits[0].Relevant() {
		t.Errorf("after: %q finds %v, want betaling relevant", q, slugs(hits))
	}
}
