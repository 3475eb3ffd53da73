package kb

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/los-bot/los"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		file string
		data string
		want Article
	}{
		{
			name: "full front matter",
			file: "x.md",
			data: "---\nslug: endre-fakturaadresse\ntitle: Endre fakturaadresse\nlang: nb\ntags: [faktura, adresse]\npublished: false\n---\nTekst.\n\n## Steg\nMer.\n",
			want: Article{Slug: "endre-fakturaadresse", Title: "Endre fakturaadresse", Lang: los.Bokmal,
				Tags: []string{"faktura", "adresse"}, Body: "Tekst.\n\n## Steg\nMer."},
		},
		{
			name: "defaults: slug from file name, nb, published",
			file: "dir/min-side.md",
			data: "---\ntitle: Min side\n---\nLogg inn.\n",
			want: Article{Slug: "min-side", Title: "Min side", Lang: los.Bokmal, Published: true, Body: "Logg inn."},
		},
		{
			name: "nynorsk, CRLF and BOM",
			file: "rekning.md",
			data: "\uFEFF---\r\ntitle: Rekninga\r\nlang: nn\r\ntags: rekning, straum\r\n---\r\nDette er rekninga.\r\n",
			want: Article{Slug: "rekning", Title: "Rekninga", Lang: los.Nynorsk, Published: true,
				Tags: []string{"rekning", "straum"}, Body: "Dette er rekninga."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.file, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		data     string
		wantLine int
		wantMsg  string
	}{
		{"no front matter", "a.md", "# Tittel\nTekst\n", 1, "missing front matter"},
		{"front matter not closed", "a.md", "---\ntitle: A\nTekst\n", 1, "not closed"},
		{"malformed yaml", "a.md", "---\ntitle: A\nfoo: : b\n---\nTekst\n", 3, "malformed front matter"},
		{"not a mapping", "a.md", "---\n- a\n- b\n---\nTekst\n", 2, "key: value"},
		{"missing title", "a.md", "---\nlang: nb\n---\nTekst\n", 1, "title is missing"},
		{"empty title", "a.md", "---\ntitle: \"\"\n---\nTekst\n", 2, "title is empty"},
		{"empty body", "a.md", "---\ntitle: A\n---\n\n  \n", 4, "body is empty"},
		{"bad slug", "a.md", "---\nslug: Endre_Faktura\ntitle: A\n---\nTekst\n", 2, "invalid slug"},
		{"bad slug from file name", "Endre Faktura.md", "---\ntitle: A\n---\nTekst\n", 1, "taken from the file name"},
		{"unknown lang", "a.md", "---\ntitle: A\nlang: sv\n---\nTekst\n", 3, "unknown lang"},
		{"bad published", "a.md", "---\ntitle: A\npublished: kanskje\n---\nTekst\n", 3, "published"},
		{"unknown key", "a.md", "---\ntitle: A\nforfatter: Kari\n---\nTekst\n", 3, "unknown front matter key"},
		{"nested tags", "a.md", "---\ntitle: A\ntags: [[a]]\n---\nTekst\n", 3, "tags"},
		{"not UTF-8", "a.md", "---\ntitle: A\n---\nGr\xf8nn tekst\n", 4, "not valid UTF-8"},
		{"duplicate key", "a.md", "---\ntitle: A\ntitle: B\n---\nTekst\n", 3, "twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.file, []byte(tt.data))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a *ParseError", err)
			}
			if pe.File != tt.file || pe.Line != tt.wantLine || !strings.Contains(pe.Msg, tt.wantMsg) {
				t.Errorf("err = %q (line %d), want file %s, line %d, message with %q", err, pe.Line, tt.file, tt.wantLine, tt.wantMsg)
			}
			if !strings.HasPrefix(err.Error(), tt.file+":") {
				t.Errorf("err = %q, want it to start with the file name", err)
			}
		})
	}
}

func TestImportAllOrNothing(t *testing.T) {
	good := "---\ntitle: A\n---\nTekst\n"
	tests := []struct {
		name      string
		files     fstest.MapFS
		wantSlugs []string
		wantErrs  []string
	}{
		{
			name:      "all good, sorted, subdirectories, non-md ignored",
			files:     fstest.MapFS{"kb/b.md": {Data: []byte(good)}, "kb/sub/a.md": {Data: []byte(good)}, "kb/notes.txt": {Data: []byte("x")}},
			wantSlugs: []string{"a", "b"},
		},
		{
			name: "duplicate slug names both files",
			files: fstest.MapFS{
				"kb/a.md": {Data: []byte(good)},
				"kb/b.md": {Data: []byte("---\nslug: a\ntitle: B\n---\nTekst\n")},
			},
			wantErrs: []string{`kb/b.md:2: duplicate slug "a" (also used by kb/a.md)`},
		},
		{
			name: "every bad file reported, nothing imported",
			files: fstest.MapFS{
				"kb/a.md": {Data: []byte(good)},
				"kb/b.md": {Data: []byte("---\ntitle: B\n---\n")},
				"kb/c.md": {Data: []byte("Tekst\n")},
			},
			wantErrs: []string{"kb/b.md:4: body is empty", "kb/c.md:1: missing front matter"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ImportFS(tt.files, "kb")
			if len(tt.wantErrs) > 0 {
				if got != nil {
					t.Errorf("got %d articles with an error, want none", len(got))
				}
				for _, w := range tt.wantErrs {
					if err == nil || !strings.Contains(err.Error(), w) {
						t.Errorf("err = %v, want it to contain %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var slugs []string
			for _, a := range got {
				slugs = append(slugs, a.Slug)
			}
			if diff := cmp.Diff(tt.wantSlugs, slugs); diff != "" {
				t.Errorf("slugs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestImportFiles(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/hei.md"
	if err := writeFile(path, "---\ntitle: Hei\n---\nTekst\n"); err != nil {
		t.Fatal(err)
	}
	got, err := ImportFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Slug != "hei" {
		t.Errorf("ImportFiles = %+v, want one article hei", got)
	}
	if _, err := ImportFiles(dir + "/missing.md"); err == nil {
		t.Error("ImportFiles of a missing file: no error")
	}
}
