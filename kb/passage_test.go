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

// TestPassageSecondPart: a part of the section that comes close to the
// best is quoted with it, wherever it is; the parts between are not.
func TestPassageSecondPart(t *testing.T) {
	ix := memIndex(t, Options{}, art("utstyr", "Utstyr", "Om utstyret.\n\n## Utstyr fra oss\n"+
		"Fiberboksen og ruteren eies av Nordlys. Du kan ikke selge dem videre. Prisen er inkludert i abonnementet. "+
		"Ruteren må returneres når avtalen slutter.\n"))
	hits := mustSearch(t, ix, "må ruteren returneres, og hvem eier fiberboksen?")
	if len(hits) == 0 {
		t.Fatal("no hits")
	}
	p := hits[0].Passage
	for _, want := range []string{"Ruteren må returneres", "Fiberboksen og ruteren eies"} {
		if !strings.Contains(p, want) {
			t.Errorf("passage lacks %q:\n%s", want, p)
		}
	}
	if strings.Contains(p, "Prisen er inkludert") {
		t.Errorf("passage holds a part between:\n%s", p)
	}
}

func TestQuestionType(t *testing.T) {
	for q, want := range map[string]answerType{
		"hva koster fiber?":                priceAnswer,
		"kor lenge tek det?":               timeAnswer,
		"how long does it take":            timeAnswer,
		"hvordan bestiller jeg e-faktura?": stepsAnswer,
		"er strømmen borte?":               anyAnswer,
		// typed without æ, ø, å; "når" first; opening hours
		"naar har dere aapent paa lordag?":   timeAnswer,
		"når kan jeg ringe dere":             timeAnswer,
		"what time do you close":             timeAnswer,
		"kva er opningstidene":               timeAnswer,
		"hvor mange mesh punkter kan jeg ha": countAnswer,
		"kor mange kanalar er med":           countAnswer,
		"hva er tlf nummeret til dere":       phoneAnswer,
		"what is your phone number":          phoneAnswer,
		"hva skjer om hun ikke godkjenner?":  consequenceAnswer,
		"kva skjer viss eg melder for seint": consequenceAnswer,
		"what happens if i don't return it":  consequenceAnswer,
	} {
		if got := questionType(q); got != want {
			t.Errorf("questionType(%q) = %v, want %v", q, got, want)
		}
	}
	for _, tc := range []struct {
		t    answerType
		text string
		want bool
	}{
		{priceAnswer, "koster 2 990 kr", true},
		{priceAnswer, "ingen pris", false},
		{timeAnswer, "tar 8–16 uker", true},
		{timeAnswer, "lørdag 10–15", true},
		{timeAnswer, "hverdager 08 til 20", true},
		{timeAnswer, "Fiber 500 og 1000", false},
		{countAnswer, "opptil tre mesh-punkter", true},
		{countAnswer, "Mesh gir dekning i hele boligen.", false},
		{phoneAnswer, "Ring 22 00 00 00.", true},
		{phoneAnswer, "Ring 22000000.", true},
		{phoneAnswer, "Det koster 2 990 kr.", false},
		{consequenceAnswer, "Godkjennes den ikke innen 14 dager, blir den avbrutt.", true},
		{consequenceAnswer, "Melder du flytting for sent, kan du få faktura.", true},
		{consequenceAnswer, "Hvis du ikke betaler, sender vi en purring.", true},
		{consequenceAnswer, "Du melder flytting på Min side.", false},
		{consequenceAnswer, "Derfor får de fleste kunder to regninger.", false},
		{consequenceAnswer, "Har du spørsmål om fakturaen, kan du ringe oss.", true},
		{consequenceAnswer, "Har du fiber fra oss? Da får du rabatt.", false},
		{consequenceAnswer, "Etter det kan du logge inn.", false},
	} {
		if got := holdsAnswer(tc.t, tc.text); got != tc.want {
			t.Errorf("holdsAnswer(%v, %q) = %v", tc.t, tc.text, got)
		}
	}
}

// TestChooseSection: the section quoted is the one of the article that
// answers, read with its heading, also when the search ranked another
// section of it higher; a close second follows the first.
func TestChooseSection(t *testing.T) {
	body := "Mesh gir Wi-Fi i hele boligen. Mesh-punkter kobles til ruteren.\n\n" +
		"## Leie eller kjøpe mesh\nEt mesh-punkt kan leies for 49 kr per måned.\n\n" +
		"## Hvor mange mesh-punkter kan jeg ha?\nDu kan koble til opptil tre.\n"
	ix := memIndex(t, Options{}, art("mesh", "Mesh", body))
	q := "hvor mange mesh punkter kan jeg ha"
	hits := mustSearch(t, ix, q)
	if len(hits) == 0 || hits[0].Anchor == "" || !strings.Contains(hits[0].Passage, "opptil tre") {
		t.Fatalf("first hit %+v, want the section on how many", hits)
	}

	// The opening ranked first: the heading brings the answer forward.
	m := newMatcher(analyze(q, ix.syn.Load()), ix.forms)
	hit := func(heading, text string, score float64) Hit {
		return Hit{Slug: "mesh", Heading: heading, Text: text, Score: score}
	}
	in := []Hit{
		hit("Mesh", "Mesh gir Wi-Fi i hele boligen. Mesh-punkter kobles til ruteren.", 3),
		hit("Ruter", "Ruteren har ingen mesh.", 2),
		hit("Hvor mange mesh-punkter kan jeg ha?", "Du kan koble til opptil tre.", 1),
	}
	in[1].Slug = "ruter"
	idf := make([]float64, len(m.alts))
	for i := range idf {
		idf[i] = 1
	}
	got := m.chooseSection(in, idf)
	if len(got) != 3 || got[0].Heading != in[2].Heading || got[2].Slug != "ruter" {
		t.Errorf("order %q %q %q, want the section on how many first", got[0].Heading, got[1].Heading, got[2].Heading)
	}
}
