package kb

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
)

func twin(slug string, l los.Standard, group, title, body string) Article {
	return Article{Slug: slug, Title: title, Body: body, Lang: l, Group: group, Published: true}
}

// A translated pair (same sections) and a pair written apart (other
// sections).
var twinArticles = []Article{
	twin("flytte", los.Bokmal, "flytte", "Melde flytting", "Meld flytting på Min side.\n\n## Strøm når du flytter\nStrømavtalen følger deg til den nye adressen.\n\n## Fiber når du flytter\nFiber må bestilles på nytt."),
	twin("flytte-nn", los.Nynorsk, "flytte", "Melde flytting", "Meld flytting på Min side.\n\n## Straum når du flyttar\nStraumavtalen følgjer deg til den nye adressa.\n\n## Fiber når du flyttar\nFiber må tingast på nytt."),
	twin("moving", los.English, "flytte", "Moving", "Tell us you are moving on My page. Your electricity follows you; fibre must be ordered again."),
	twin("kontakt", los.Bokmal, "kontakt", "Kontakt oss", "## Telefon\nRing 22 00 00 00 mellom 8 og 16.\n\n## Chat\nChatten er åpen hele døgnet."),
	twin("kontakt-nn", los.Nynorsk, "kontakt", "Kontakt oss", "Ring eller skriv til oss.\n\n## Chat\nChatten er open heile døgeret."),
	twin("utkast-nn", los.Nynorsk, "utkast", "Utkast", "Fakturagebyr forklart."),
	{Slug: "utkast", Title: "Fakturagebyr", Body: "Fakturagebyr kommer på papirfaktura.", Lang: los.Bokmal, Group: "utkast"},
	twin("gebyr", los.Bokmal, "gebyr", "Gebyr", "Papirfaktura koster 49 kroner i fakturagebyr."),
}

// TestSearchPrefersTwin: a hit whose article has a published twin in the
// standard asked for is answered from the twin, in the same place of a
// translated article, else from the section that matches best; without a
// twin in that standard, or without a standard asked for, the hit stays.
func TestSearchPrefersTwin(t *testing.T) {
	ctx := context.Background()
	ix := memIndex(t, Options{Synonyms: &Synonyms{}}, twinArticles...)
	for _, tt := range []struct {
		name, q     string
		lang        los.Standard
		slug, title string
		text        string
	}{
		{"translated twin, same section", "strømavtalen nye adressen", los.Nynorsk, "flytte-nn", "Straum når du flyttar", "Straumavtalen"},
		{"English twin, one section", "strømavtalen nye adressen", los.English, "moving", "Moving", "electricity"},
		{"no standard asked for", "strømavtalen nye adressen", "", "flytte", "Strøm når du flytter", "Strømavtalen"},
		{"the question's own standard", "strømavtalen nye adressen", los.Bokmal, "flytte", "Strøm når du flytter", "Strømavtalen"},
		{"twin written apart: best section", "chatten døgnet", los.Nynorsk, "kontakt-nn", "Chat", "open"},
		{"a draft twin does not answer", "fakturagebyr papirfaktura", los.Nynorsk, "gebyr", "Gebyr", "49 kroner"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := ix.Search(ctx, tt.q, SearchOptions{Lang: tt.lang})
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) == 0 || hits[0].Slug != tt.slug || hits[0].Heading != tt.title || !strings.Contains(hits[0].Text, tt.text) {
				t.Fatalf("hits = %v, first %+v; want %s %q", slugs(hits), first(hits), tt.slug, tt.title)
			}
			if !hits[0].Relevant() {
				t.Errorf("the twin lost the hit's relevance: coverage %v", hits[0].Coverage)
			}
			seen := map[string]bool{}
			for _, h := range hits {
				if seen[h.Slug+"#"+h.Heading] {
					t.Errorf("section %s %q twice", h.Slug, h.Heading)
				}
				seen[h.Slug+"#"+h.Heading] = true
			}
		})
	}
	if hits := mustSearch(t, ix, "strømavtalen"); hits[0].Group != "flytte" {
		t.Errorf("hit group = %q", hits[0].Group)
	}
}

func first(hits []Hit) Hit {
	if len(hits) == 0 {
		return Hit{}
	}
	return hits[0]
}

func TestParseGroup(t *testing.T) {
	a, err := Parse("a.md", []byte("---\ntitle: T\nlang: nn\ngroup: endre-fakturaadresse\n---\nTekst"))
	if err != nil || a.Group != "endre-fakturaadresse" {
		t.Fatalf("Parse = %+v, %v", a, err)
	}
	_, err = Parse("a.md", []byte("---\ntitle: T\ngroup: Endre Faktura\n---\nTekst"))
	if err == nil || !strings.Contains(err.Error(), "a.md:3: invalid group") {
		t.Errorf("bad group: %v", err)
	}
}

func TestCheckGroups(t *testing.T) {
	ok := []Article{twin("a", los.Bokmal, "g", "A", "x"), twin("b", los.Nynorsk, "g", "B", "x"), twin("c", los.Bokmal, "", "C", "x")}
	if err := CheckGroups(ok); err != nil {
		t.Error(err)
	}
	bad := append(ok, twin("d", los.Bokmal, "g", "D", "x"))
	if err := CheckGroups(bad); err == nil || !strings.Contains(err.Error(), `"a" and "d"`) {
		t.Errorf("two Bokmål twins: %v", err)
	}
	dir := t.TempDir()
	for name, body := range map[string]string{"a.md": "---\ntitle: A\ngroup: g\n---\nx", "b.md": "---\ntitle: B\ngroup: g\n---\ny"} {
		if err := writeFile(dir+"/"+name, body); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ImportFiles(dir); err == nil || !strings.Contains(err.Error(), "b.md: group \"g\" has two articles in nb") {
		t.Errorf("import of two Bokmål twins: %v", err)
	}
}

// TestDemoTwins: the demo's twins are linked, one per standard, and a
// Nynorsk question about a Bokmål article is answered from its Nynorsk
// twin.
func TestDemoTwins(t *testing.T) {
	articles, err := Demo()
	if err != nil {
		t.Fatal(err)
	}
	groups := map[string][]string{}
	for _, a := range articles {
		if a.Group != "" {
			groups[a.Group] = append(groups[a.Group], a.Slug)
		}
	}
	if len(groups) < 10 || len(groups["dodsfall-og-dodsbo"]) != 2 || len(groups["apningstider-og-kontakt"]) != 3 {
		t.Errorf("demo groups = %v", groups)
	}
	ix := memIndex(t, Options{}, articles...)
	hits, err := ix.Search(context.Background(), "Korleis endrar eg fakturaadressa?", SearchOptions{Lang: los.Nynorsk})
	if err != nil || len(hits) == 0 || hits[0].Slug != "endre-rekningsadresse" {
		t.Errorf("hits = %v, %v", slugs(hits), err)
	}
}

func TestNewerTwin(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 12, 1, h, 0, 0, 0, time.UTC) }
	tw := func(slug string, pub time.Time, translated bool) Twin {
		return Twin{EditorArticle: EditorArticle{Article: Article{Slug: slug, Published: !pub.IsZero()}}, LastPublished: pub, Translated: translated}
	}
	group := []Twin{tw("a", at(9), false), tw("b", at(11), false), tw("c", at(12), true), tw("d", time.Time{}, false)}
	if o, ok := NewerTwin(group[0], group); !ok || o.Slug != "b" {
		t.Errorf("newer than a: %v %v (c is a machine translation, d unpublished)", o.Slug, ok)
	}
	if _, ok := NewerTwin(group[1], group); ok {
		t.Error("b is the newest edited twin")
	}
	if _, ok := NewerTwin(group[3], group); ok {
		t.Error("an article never published has no newer twin")
	}
}
