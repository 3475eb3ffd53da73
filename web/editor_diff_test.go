package web

import (
	"strings"
	"testing"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
)

func TestLineDiff(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     string // op and text per line
	}{
		{"equal", "a\nb", "a\nb", "=a =b"},
		{"added at end", "a", "a\nb", "=a +b"},
		{"removed in middle", "a\nb\nc", "a\nc", "=a -b =c"},
		{"changed line", "a\nb\nc", "a\nB\nc", "=a -b +B =c"},
		{"from empty", "", "a\nb", "+a +b"},
		{"to empty", "a", "", "-a"},
		{"moved", "a\nb\nc\nd", "b\nc\na\nd", "-a =b =c +a =d"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, l := range lineDiff(tt.old, tt.new) {
				got = append(got, l.Op+l.Text)
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("diff = %q, want %q", g, tt.want)
			}
		})
	}
	// Line numbers count in each text.
	d := lineDiff("a\nb\nc", "a\nx\nc")
	if d[1].Old != 2 || d[1].New != 0 || d[2].New != 2 || d[3].Old != 3 || d[3].New != 3 {
		t.Errorf("line numbers = %+v", d)
	}
}

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
			if got.Title != tt.a.Title || got.Body != tt.a.Body || got.Lang != tt.a.Lang || got.Published != tt.a.Published ||
				strings.Join(got.Tags, "|") != strings.Join(tt.a.Tags, "|") {
				t.Errorf("parsed %+v\nfrom\n%s", got, data)
			}
		})
	}
}
