package kb

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSections(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []Section
	}{
		{
			name: "intro and headings",
			body: "Intro.\n\n## Første steg\nGjør slik.\n\n### Detaljer\nMer.",
			want: []Section{
				{Slug: "a", N: 0, Heading: "Tittel", Text: "Intro."},
				{Slug: "a", N: 1, Heading: "Første steg", Anchor: "første-steg", Text: "Gjør slik."},
				{Slug: "a", N: 2, Heading: "Detaljer", Anchor: "detaljer", Text: "Mer."},
			},
		},
		{
			name: "no intro, deep heading kept in text, closing hashes",
			body: "## Steg ##\nTekst\n#### Liten\nmer",
			want: []Section{{Slug: "a", N: 0, Heading: "Steg", Anchor: "steg", Text: "Tekst\n#### Liten\nmer"}},
		},
		{
			name: "heading in code fence is text",
			body: "Intro\n```\n## ikke en overskrift\n```\n## Ekte\nx",
			want: []Section{
				{Slug: "a", N: 0, Heading: "Tittel", Text: "Intro\n```\n## ikke en overskrift\n```"},
				{Slug: "a", N: 1, Heading: "Ekte", Anchor: "ekte", Text: "x"},
			},
		},
		{
			name: "empty sections dropped, hashtag is not a heading",
			body: "## Tom\n## Full\n#faktura er en emneknagg",
			want: []Section{{Slug: "a", N: 0, Heading: "Full", Anchor: "full", Text: "#faktura er en emneknagg"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Article{Slug: "a", Title: "Tittel", Body: tt.body}.Sections()
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Sections (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAnchor(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Endre fakturaadresse", "endre-fakturaadresse"},
		{"punctuation", "Hva er HAN-porten?", "hva-er-han-porten"},
		{"norwegian letters", "Når gjelder den nye adressen?", "når-gjelder-den-nye-adressen"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Anchor(tt.in); got != tt.want {
				t.Errorf("Anchor(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	in := "Logg inn på [Min side](/artikler/min-side) ![logo](x.png) <b>nå</b> <https://x.no>"
	want := "Logg inn på Min side logo  nå   "
	if got := plainText(in); got != want {
		t.Errorf("plainText = %q, want %q", got, want)
	}
}
