package editor

import (
	"strings"
	"testing"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ name, title, want string }{
		{"plain", "Endre fakturaadresse", "endre-fakturaadresse"},
		{"norwegian letters", "Årsoppgjør for særavtaler", "arsoppgjor-for-saeravtaler"},
		{"punctuation", "  Hva koster det?!  ", "hva-koster-det"},
		{"nothing usable", "???", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := slugify(tt.title); got != tt.want || got != "" && !kb.ValidSlug(got) {
				t.Errorf("slugify(%q) = %q, want %q", tt.title, got, tt.want)
			}
		})
	}
}

func TestFormatArticleRoundTrips(t *testing.T) {
	tests := []struct {
		name string
		a    kb.Article
	}{
		{"plain", kb.Article{Slug: "a", Title: "Enkel", Body: "Tekst", Lang: los.Bokmal, Published: true}},
		{"yaml-looking title", kb.Article{Slug: "b", Title: "yes", Body: "x", Lang: los.English, Tags: []string{"no", "1"}}},
		{"quotes and colon", kb.Article{Slug: "c", Title: `Pris: "100" kr # ikke kommentar`, Body: "---\n\n## H\n\nmer", Lang: los.Nynorsk}},
		{"leading symbols", kb.Article{Slug: "d", Title: "- * [x] @ ` ' %", Body: "x", Lang: los.Bokmal, Tags: []string{"[a]", "b: c"}}},
		{"twin", kb.Article{Slug: "e", Title: "Tvilling", Body: "x", Lang: los.Nynorsk, Group: "endre-fakturaadresse", Published: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := formatArticle(tt.a)
			if err != nil {
				t.Fatal(err)
			}
			got, err := kb.Parse(tt.a.Slug+".md", data)
			if err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			if got.Title != tt.a.Title || got.Body != tt.a.Body || got.Lang != tt.a.Lang || got.Published != tt.a.Published || got.Group != tt.a.Group ||
				strings.Join(got.Tags, "|") != strings.Join(tt.a.Tags, "|") {
				t.Errorf("parsed %+v\nfrom\n%s", got, data)
			}
		})
	}
}
