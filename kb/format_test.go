package kb

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/los-bot/los"
)

// TestFormatRoundTrip: Format writes what Parse reads back, example
// questions and group included, and Parse reads the questions as a list.
func TestFormatRoundTrip(t *testing.T) {
	a := Article{Slug: "efaktura", Title: "E-faktura: slik", Lang: los.Nynorsk, Published: true, Group: "e-faktura",
		Tags: []string{"faktura", "nettbank"}, Body: "Tekst.\n\n## Steg\nMeir.",
		Questions: []string{"Korleis får eg e-faktura?", "kva kostar det: ingenting?", "- ein strek"}}
	data, err := Format(a)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "questions:\n  - ") {
		t.Errorf("questions not written as a block list:\n%s", data)
	}
	got, err := Parse("efaktura.md", data)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if _, err := Parse("x.md", []byte("---\ntitle: X\nquestions:\n  - [a, b]\n---\nTekst\n")); err == nil || !strings.Contains(err.Error(), "questions") {
		t.Errorf("a nested list: err = %v", err)
	}
	if a, err := Parse("x.md", []byte("---\ntitle: X\nquestions: Kva kostar det?\n---\nTekst\n")); err != nil || len(a.Questions) != 1 {
		t.Errorf("one question as a value: %v %q", err, a.Questions)
	}
}
