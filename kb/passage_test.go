package kb

import (
	"strings"
	"testing"
)

// TestPassage: the passage quotes the part of the section that answers,
// not its opening; a list comes with its lead-in, a table row with its
// header; a question asking a price or a time gets the sentence with it.
func TestPassage(t *testing.T) {
	body := "## Etablering\n" +
		"Vi kobler boligen din til fibernettet. Montøren avtaler tid med deg. Uten bindingstid koster etableringen 2 990 kr.\n\n" +
		"## Levering\n" +
		"Leveringstiden avhenger av boligen:\n\n- **Leilighet**: 2–4 uker.\n- **Enebolig**: 8–16 uker.\n\n" +
		"## Kompensasjon\n" +
		"Kompensasjonen avhenger av hvor lenge feilen varte:\n\n| Varighet | Kompensasjon |\n|---|---|\n| 12–24 timer | 600 kr |\n| 24–48 timer | 1 200 kr |\n"
	ix := memIndex(t, Options{}, art("fiber", "Fiber", "Om fiber.\n\n"+body))
	for _, tc := range []struct {
		q           string
		want, notIn []string
	}{
		{"hva koster etablering av fiber uten binding?", []string{"2 990 kr"}, []string{"kobler boligen"}},
		{"hvor lang leveringstid er det for enebolig", []string{"Leveringstiden avhenger", "Enebolig"}, []string{"koster"}},
		{"kompensasjon når feilen varte 20 timer", []string{"| Varighet | Kompensasjon |", "12–24 timer"}, nil},
	} {
		hits := mustSearch(t, ix, tc.q)
		if len(hits) == 0 {
			t.Fatalf("%q: no hits", tc.q)
		}
		p := hits[0].Passage
		for _, w := range tc.want {
			if !strings.Contains(p, w) {
				t.Errorf("%q: passage lacks %q:\n%s", tc.q, w, p)
			}
		}
		for _, w := range tc.notIn {
			if strings.Contains(p, w) {
				t.Errorf("%q: passage holds %q:\n%s", tc.q, w, p)
			}
		}
	}
}

func TestQuestionType(t *testing.T) {
	for q, want := range map[string]answerType{
		"hva koster fiber?":                priceAnswer,
		"kor lenge tek det?":               timeAnswer,
		"how long does it take":            timeAnswer,
		"hvordan bestiller jeg e-faktura?": stepsAnswer,
		"er strømmen borte?":               anyAnswer,
	} {
		if got := questionType(q); got != want {
			t.Errorf("questionType(%q) = %v, want %v", q, got, want)
		}
	}
	if !holdsAnswer(priceAnswer, "koster 2 990 kr") || !holdsAnswer(timeAnswer, "tar 8–16 uker") || holdsAnswer(priceAnswer, "ingen pris") {
		t.Error("holdsAnswer wrong")
	}
}
