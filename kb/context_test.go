package kb

import (
	"context"
	"testing"
)

// TestSearchContext: a follow-up with few words of its own finds the
// topic's article through the earlier message, and the topic's article
// wins a tie through Prior; the quoted passage answers the follow-up,
// not the earlier message.
func TestSearchContext(t *testing.T) {
	ix := memIndex(t, Options{},
		art("5g", "Bredbånd via 5G", "Bredbånd via 5G passer på hytta.\n\n## Pris\nDet koster 399 kr i måneden."),
		art("tv", "TV", "TV-pakkene.\n\n## Pris\nTV Basis koster 299 kr i måneden."),
	)
	search := func(q string, opts SearchOptions) []Hit {
		t.Helper()
		opts.Limit = 5
		hits, err := ix.Search(context.Background(), q, opts)
		if err != nil {
			t.Fatal(err)
		}
		return hits
	}
	hits := search("og hva koster den?", SearchOptions{Context: "har dere bredbånd via 5g på hytta?"})
	if len(hits) == 0 || hits[0].Slug != "5g" || hits[0].Passage != "Det koster 399 kr i måneden." {
		t.Fatalf("with context: %v %q", slugs(hits), first(hits).Passage)
	}
	if hits := search("hva koster det?", SearchOptions{Prior: []string{"tv"}}); len(hits) == 0 || hits[0].Slug != "tv" {
		t.Errorf("with prior tv: %v", slugs(hits))
	}
	if hits := search("hva koster det?", SearchOptions{Prior: []string{"5g"}}); len(hits) == 0 || hits[0].Slug != "5g" {
		t.Errorf("with prior 5g: %v", slugs(hits))
	}
	if hits := search("", SearchOptions{Context: "bredbånd via 5g"}); len(hits) == 0 || hits[0].Slug != "5g" {
		t.Errorf("a message of stop words only, with context: %v", slugs(hits))
	}
}

func TestTrustPrior(t *testing.T) {
	hits := []Hit{
		{Slug: "mesh", Confidence: 0.6 * DefaultMinRelevance},
		{Slug: "tv", Confidence: 0.6 * DefaultMinRelevance},
		{Slug: "ruter", Confidence: 0.3 * DefaultMinRelevance},
	}
	trustPrior(hits, []string{"mesh", "ruter"})
	if !hits[0].Relevant() {
		t.Errorf("the topic's article, at %.2f, is not relevant", hits[0].Confidence)
	}
	if hits[1].Relevant() {
		t.Errorf("an article outside the topic became relevant")
	}
	if hits[2].Relevant() {
		t.Errorf("the topic's article far below the bar (%.2f) became relevant", hits[2].Confidence)
	}
	hits[0].Confidence = 0.6 * DefaultMinRelevance
	trustPrior(hits, nil)
	if hits[0].Relevant() {
		t.Errorf("without a topic, an article became relevant")
	}
}
