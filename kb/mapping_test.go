package kb

import (
	"testing"

	"github.com/los-bot/los"
)

// TestEncodeDoc: a stored section gives back what a hit shows of it, its
// tags, its example questions and its translation group, NUL bytes in
// the fields dropped rather than shifting the fields after them.
func TestEncodeDoc(t *testing.T) {
	a := Article{Slug: "efaktura", Title: "E-faktura", Lang: los.Nynorsk, Group: "e-faktura",
		Tags: []string{"faktura", "bank\x00"}}
	s := Section{Heading: "Slik", Anchor: "slik", Text: "Tekst.\n\n- eitt\n- to"}
	h, tags, ask := decodeDoc(encodeDoc(a, s, "Korleis får eg e-faktura?\nKva kostar\x00 det?"))
	want := Hit{Slug: "efaktura", Lang: los.Nynorsk, Title: "E-faktura", Heading: "Slik", Anchor: "slik",
		Group: "e-faktura", Text: s.Text}
	if h.Slug != want.Slug || h.Lang != want.Lang || h.Title != want.Title || h.Heading != want.Heading ||
		h.Anchor != want.Anchor || h.Group != want.Group || h.Text != want.Text {
		t.Errorf("hit %+v, want %+v", h, want)
	}
	if tags != "faktura\nbank" || ask != "Korleis får eg e-faktura?\nKva kostar det?" {
		t.Errorf("tags %q, ask %q", tags, ask)
	}

	// Without questions or group, the fields are empty, not shifted.
	a.Group = ""
	h, _, ask = decodeDoc(encodeDoc(a, s, ""))
	if h.Group != "" || ask != "" || h.Text != s.Text {
		t.Errorf("no group or questions: %+v, ask %q", h, ask)
	}
}
