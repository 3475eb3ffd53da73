package markdown_test

import (
	"strings"
	"testing"

	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/web/markdown"
)

func TestRender(t *testing.T) {
	tests := []struct {
		name, body string
		want, deny []string
	}{
		{name: "headings get the anchors of kb's sections",
			body: "## Endre fakturaadresse\n\nTekst.\n\n## Endre fakturaadresse\n\nMer.",
			want: []string{`<h2 id="` + kb.Anchor("Endre fakturaadresse") + `">`, `id="` + kb.Anchor("Endre fakturaadresse") + `-2"`}},
		{name: "raw HTML and scripts are left out",
			body: "Hei <script>alert(1)</script> <img src=x onerror=alert(1)>",
			deny: []string{"<script", "onerror"}},
		{name: "javascript links are removed",
			body: "[klikk](javascript:alert(1))",
			deny: []string{"javascript:"}},
		{name: "tables are kept",
			body: "| a | b |\n|---|---|\n| 1 | 2 |",
			want: []string{"<table>", "<th>a</th>", "<td>2</td>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := markdown.Render(tt.body)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(got), w) {
					t.Errorf("missing %q in\n%s", w, got)
				}
			}
			for _, d := range tt.deny {
				if strings.Contains(string(got), d) {
					t.Errorf("%q should be gone from\n%s", d, got)
				}
			}
		})
	}
}

func TestSnippet(t *testing.T) {
	tests := []struct {
		md   string
		n    int
		want string
	}{
		{"## Tittel\n\n- **Fet** tekst med [lenke](https://x.no) og `kode`", 200, "Tittel Fet tekst med lenke og kode"},
		{"ett to tre fire fem seks sju åtte", 16, "ett to tre fire …"},
		{"kort", 10, "kort"},
	}
	for _, tt := range tests {
		if got := markdown.Snippet(tt.md, tt.n); got != tt.want {
			t.Errorf("Snippet(%q, %d) = %q, want %q", tt.md, tt.n, got, tt.want)
		}
	}
}
