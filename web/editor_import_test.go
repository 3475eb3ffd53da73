package web_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strings"
	"testing"
)

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, files[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func unzip(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(b)
	}
	return out
}

type importResult struct {
	Items []struct {
		File   string   `json:"file"`
		Slug   string   `json:"slug"`
		Status string   `json:"status"`
		Fields []string `json:"fields"`
		Draft  bool     `json:"draft"`
		Errors []struct {
			Line    int    `json:"line"`
			Message string `json:"message"`
		} `json:"errors"`
	} `json:"items"`
	Counts map[string]int `json:"counts"`
	OK     bool           `json:"ok"`
	Digest string         `json:"digest"`
	Done   bool           `json:"done"`
}

func (ec *editorClient) upload(path string, zipData []byte) (int, importResult, string) {
	ec.t.Helper()
	resp, body := ec.raw("POST", path, "application/zip", bytes.NewReader(zipData))
	var r importResult
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(body, &r); err != nil {
			ec.t.Fatal(err)
		}
	}
	return resp.StatusCode, r, string(body)
}

const goodMD = `---
title: Sjokoladepenger
tags: [betaling, kantine]
---
## Sjokoladepenger

Vi tar imot sjokoladepenger i kantina hver fredag.
`

const brokenMD = `---
title: Ødelagt
lang: se
---
Tekst
`

const simpleHTML = `<!doctype html><html lang="nn"><head><title>Parkering ved kontoret</title>
<meta name="keywords" content="parkering, bil"></head><body>
<nav><a href="/">Heim</a></nav>
<h1>Parkering ved kontoret</h1>
<p>Du kan <strong>parkere gratis</strong> i  to timar.<br>Etter det kostar det 20 kr.</p>
<h2>Lading</h2>
<ul><li>Ladestasjon ved inngangen</li><li>Sjå <a href="https://example.no/lading">prisane</a></li></ul>
<script>alert(1)</script>
</body></html>`

func TestEditorImportPreviewAndAllOrNothing(t *testing.T) {
	e := newEditorEnv(t)
	ec := e.signIn(t, "eva@example.no")
	var demo apiArticle
	ec.json("GET", "/api/v1/articles/angrerett", nil, &demo)
	changedDemo := "---\nslug: angrerett\ntitle: " + demo.Title + "\n---\nNy tekst om angrerett.\n"

	withBroken := zipOf(t, map[string]string{
		"sjokoladepenger.md": goodMD, "parkering.html": simpleHTML, "angrerett.md": changedDemo,
		"feil/odelagt.md": brokenMD, "bilde.png": "PNG",
	})
	st, prev, body := ec.upload("/api/v1/editor/import/preview", withBroken)
	if st != http.StatusOK {
		t.Fatalf("preview: %d %s", st, body)
	}
	want := map[string]string{"sjokoladepenger.md": "new", "parkering.html": "new", "angrerett.md": "changed",
		"feil/odelagt.md": "invalid", "bilde.png": "skipped"}
	for _, it := range prev.Items {
		if want[it.File] != it.Status {
			t.Errorf("%s: status %s, want %s", it.File, it.Status, want[it.File])
		}
		if it.File == "feil/odelagt.md" && (len(it.Errors) != 1 || it.Errors[0].Line != 3 || !strings.Contains(it.Errors[0].Message, "lang")) {
			t.Errorf("broken file errors = %+v; want line 3 about lang", it.Errors)
		}
		if it.File == "parkering.html" && !it.Draft {
			t.Error("an HTML file is not imported as a draft")
		}
	}
	if prev.OK {
		t.Error("a preview with a broken file says it can be committed")
	}

	if st, _, _ := ec.upload("/api/v1/editor/import/commit", withBroken); st != http.StatusUnprocessableEntity {
		t.Errorf("commit with a broken file: %d, want 422", st)
	}
	if st := ec.json("GET", "/api/v1/articles/sjokoladepenger", nil, nil); st != http.StatusNotFound {
		t.Errorf("a refused import created an article: %d", st)
	}

	fixed := zipOf(t, map[string]string{"sjokoladepenger.md": goodMD, "parkering.html": simpleHTML, "angrerett.md": changedDemo})
	_, prev, _ = ec.upload("/api/v1/editor/import/preview", fixed)
	ec.json("PUT", "/api/v1/articles/angrerett", map[string]any{"version": demo.Version, "title": demo.Title, "body": "Lagret i mellomtiden."}, nil)
	if st, _, _ := ec.upload("/api/v1/editor/import/commit?digest="+prev.Digest, fixed); st != http.StatusConflict {
		t.Errorf("commit after the knowledge base changed: %d, want 409", st)
	}
	_, prev, _ = ec.upload("/api/v1/editor/import/preview", fixed)
	st, done, body := ec.upload("/api/v1/editor/import/commit?digest="+prev.Digest, fixed)
	if st != http.StatusOK || !done.Done || done.Counts["new"] != 2 || done.Counts["changed"] != 1 {
		t.Fatalf("commit: %d %s", st, body)
	}
	if !e.found(t, "Kan jeg betale med sjokoladepenger?", "sjokoladepenger") {
		t.Error("an imported published article is not searchable")
	}
	var park apiArticle
	ec.json("GET", "/api/v1/articles/parkering", nil, &park)
	wantBody := "## Lading\n\n- Ladestasjon ved inngangen\n- Sjå [prisane](https://example.no/lading)"
	if park.Title != "Parkering ved kontoret" || park.Lang != "nn" || park.Published || strings.Join(park.Tags, ",") != "parkering,bil" ||
		!strings.Contains(park.Body, "**parkere gratis** i to timar.\\\nEtter det") || !strings.HasSuffix(park.Body, wantBody) ||
		strings.Contains(park.Body, "alert") || strings.Contains(park.Body, "Heim") {
		t.Errorf("converted HTML = %+v\nbody:\n%s", park, park.Body)
	}
}

func TestEditorExportImportRoundTrip(t *testing.T) {
	e := newEditorEnv(t)
	ec := e.signIn(t, "eva@example.no")
	// Articles in every state, with awkward titles.
	ec.json("POST", "/api/v1/articles", map[string]any{"slug": "kolon", "title": `Pris: "100" kr # ikke kommentar`, "body": "Tekst\r\n\n---\n\nmer", "tags": []string{"a", "b c"}}, nil)
	ec.json("POST", "/api/v1/articles", map[string]any{"slug": "ja", "title": "yes", "body": "Bare et utkast", "lang": "en"}, nil)
	ec.json("POST", "/api/v1/articles/kolon/publish", nil, nil)
	ec.json("POST", "/api/v1/articles/angrerett/archive", nil, nil)
	ec.json("PUT", "/api/v1/editor/synonyms", map[string]string{"text": "regning = faktura\n# kommentar\nstrøm = straum\n"}, nil)

	resp, first := ec.raw("GET", "/api/v1/editor/export", "", nil)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/zip" ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("export: %d %v", resp.StatusCode, resp.Header)
	}
	files := unzip(t, first)
	if !strings.HasPrefix(files["kolon.md"], "---\nslug: kolon\n") || !strings.Contains(files["kolon.md"], "published: true") ||
		!strings.Contains(files["ja.md"], "published: false") || files["synonyms.txt"] != "regning = faktura\n# kommentar\nstrøm = straum\n" {
		t.Errorf("exported files:\n%s\n%s\n%s", files["kolon.md"], files["ja.md"], files["synonyms.txt"])
	}

	st, prev, body := ec.upload("/api/v1/editor/import/preview", first)
	if st != http.StatusOK || !prev.OK || prev.Counts["unchanged"] != len(files) {
		t.Fatalf("importing the export: %d, counts %v, want all %d unchanged: %s", st, prev.Counts, len(files), body)
	}
	if st, _, body := ec.upload("/api/v1/editor/import/commit?digest="+prev.Digest, first); st != http.StatusOK {
		t.Fatalf("commit: %d %s", st, body)
	}
	_, second := ec.raw("GET", "/api/v1/editor/export", "", nil)
	again := unzip(t, second)
	for name, content := range files {
		if again[name] != content {
			t.Errorf("%s changed through export and import:\n%s\n---- became ----\n%s", name, content, again[name])
		}
	}
	var k apiArticle
	ec.json("GET", "/api/v1/articles/kolon", nil, &k)
	if k.Version != 1 || k.Title != `Pris: "100" kr # ikke kommentar` {
		t.Errorf("after the round trip: %+v", k)
	}

	// Into an empty knowledge base, the same articles come back.
	fresh := newEditorEnv(t)
	fc := fresh.signIn(t, "eva@example.no")
	if st, _, body := fc.upload("/api/v1/editor/import/commit", first); st != http.StatusOK {
		t.Fatalf("import into a fresh knowledge base: %d %s", st, body)
	}
	_, third := fc.raw("GET", "/api/v1/editor/export", "", nil)
	for name, content := range unzip(t, third) {
		if name != "angrerett.md" && files[name] != content {
			t.Errorf("%s differs after import into a fresh knowledge base:\n%s\n----\n%s", name, files[name], content)
		}
	}
}
