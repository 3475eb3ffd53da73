package kb

import (
	"context"
	"testing"
)

func TestFocus(t *testing.T) {
	for q, want := range map[string]string{
		"nei sorry, jeg flytter ikke. jeg mente bare at regningen skal sendes til jobbadressen min": "regningen skal sendes til jobbadressen min",
		"Nei, eg meinte straumavtalen, ikkje fiberen":                                               "straumavtalen, ikkje fiberen",
		"sorry, I meant the invoice address":                                                        "the invoice address",
		"Vi var i Thailand hele januar. Hvorfor er regningen så høy?":                               "Hvorfor er regningen så høy?",
		"Vi bygger nytt hus og lurer på om dere kan levere fiber dit":                               "om dere kan levere fiber dit",
		"hva koster fiber 500?":                                                                     "",
		"Jeg mente det.":                                                                            "",
		"fikk regning på 3400 kr?? pleier å ligge på 1500":                                          "fikk regning på 3400 kr??",
		"har vært på ferie. bilen streiket. hva koster en purring?":                                 "hva koster en purring?",
		"Hvem vant kampen i går? Hva koster det?":                                                   "",
		"Jeg vil ha Netflix. Hvordan bestiller jeg?":                                                "",
	} {
		if got := focus(q); got != want {
			t.Errorf("focus(%q) = %q, want %q", q, got, want)
		}
	}
}

// TestFocusFindsTheQuestion: a message whose story drowns the question
// is answered from the part that asks; a plain question that finds
// nothing stays unanswered.
func TestFocusFindsTheQuestion(t *testing.T) {
	ix := memIndex(t, Options{},
		art("purring", "Purring", "En purring koster 35 kr i purregebyr. Purringen kommer 14 dager etter forfall."),
		art("flytting", "Melde flytting", "Du melder flytting på Min side under Flytting, helst minst 7 dager før du flytter."))
	ctx := context.Background()
	q := "Eh, har vært på ferie med ungene og svigermor i tre uker, alt var kaos og bilen streiket. Hva koster en purring?"
	hits, err := ix.Search(ctx, q, SearchOptions{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || !hits[0].Relevant() || hits[0].Slug != "purring" {
		t.Fatalf("Search(%q) = %+v, want the purring article, relevant", q, hits)
	}
	for _, q := range []string{
		"Hvem vant fotballkampen i går? Hva koster det?", // the part holds one content word
		"Selger dere varmepumper? Hva koster purringen?", // the whole asks for an unknown offer
	} {
		hits, err = ix.Search(ctx, q, SearchOptions{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) > 0 && hits[0].Relevant() {
			t.Errorf("Search(%q) found %+v", q, hits[0])
		}
	}
}
