package kb

import (
	"context"
	"testing"
)

// TestExampleQuestions: a question worded like an article's example
// question, in words the article's text lacks, finds the section the
// example was given to, at once after Put too.
func TestExampleQuestions(t *testing.T) {
	fiber := art("fiber", "Fiber", "Vi leverer fiber i hele landet.\n\n## Pris for etablering\nEtablering koster 2 990 kr.\n\n## Levering\nLeveringstiden er åtte uker.")
	fiber.Questions = []string{"Hvor mye må jeg punge ut for etablering av tilkoblingen?"}
	other := art("tv", "TV", "TV-pakker med mange kanaler.\n\n## Kom i gang\nSlik kommer du i gang med TV-boksen.")
	ix := memIndex(t, Options{}, fiber, other)

	secs := fiber.Sections()
	if got := assignQuestions(fiber, secs); len(got[1]) != 1 {
		t.Fatalf("questions by section = %q, want the example with the section on etablering", got)
	}
	hits := mustSearch(t, ix, "hvor mye må jeg punge ut for tilkoblingen?")
	if len(hits) == 0 || hits[0].Slug != "fiber" || hits[0].Anchor != "pris-for-etablering" {
		t.Fatalf("hits = %v, want fiber#pris-for-etablering first", slugs(hits))
	}

	other.Questions = []string{"Hvordan monterer jeg dekoderen?"}
	if err := ix.Put(context.Background(), other); err != nil {
		t.Fatal(err)
	}
	hits = mustSearch(t, ix, "montere dekoderen")
	if len(hits) == 0 || hits[0].Slug != "tv" {
		t.Errorf("after Put, hits = %v, want tv first", slugs(hits))
	}
}
