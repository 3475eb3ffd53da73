package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ownArticles writes a folder with one article of the company's own and,
// when demoSlug is set, its own version of that demo article.
func ownArticles(t *testing.T, demoSlug string) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("varmepumpe.md", "---\ntitle: Varmepumper fra Fjordkraft\n---\nVi selger varmepumper.\n\n## Pris\nEn varmepumpe koster 19 990 kroner.\n")
	if demoSlug != "" {
		write(demoSlug+".md", "---\nslug: "+demoSlug+"\ntitle: Vår egen tekst om fakturaadresse\n---\nRing oss for å endre fakturaadressen.\n")
	}
	return dir
}

// searchFinds reports whether `los kb search q` lists slug.
func searchFinds(t *testing.T, env map[string]string, q, slug string) bool {
	t.Helper()
	r := runLos(t, env, "", "kb", "search", q)
	if r.code != 0 {
		t.Fatalf("kb search: exit %d: %s", r.code, r.stderr)
	}
	return strings.Contains(r.stdout, slug+"#")
}

func TestKBImportOnEmptyStoreImportsDirAlone(t *testing.T) {
	env := baseEnv(t)
	r := runLos(t, env, "", "kb", "import", ownArticles(t, ""))
	if r.code != 0 || !strings.Contains(r.stdout, "imported 1 articles") {
		t.Fatalf("import: exit %d, out %q, err %q", r.code, r.stdout, r.stderr)
	}
	if !searchFinds(t, env, "varmepumpe pris", "varmepumpe") {
		t.Error("the imported article is not searchable")
	}
	if searchFinds(t, env, "endre fakturaadresse", "endre-fakturaadresse") {
		t.Error("the demo knowledge base came with the import")
	}
}

func TestKBImportWithDemo(t *testing.T) {
	env := baseEnv(t)
	if r := runLos(t, env, "", "kb", "import", "--demo", ownArticles(t, "")); r.code != 0 {
		t.Fatalf("import --demo: exit %d: %s", r.code, r.stderr)
	}
	if !searchFinds(t, env, "varmepumpe pris", "varmepumpe") || !searchFinds(t, env, "endre fakturaadresse", "endre-fakturaadresse") {
		t.Error("import --demo: want the article and the demo")
	}
}

func TestDemoFalseKeepsTheDemoOut(t *testing.T) {
	env := baseEnv(t)
	env["LOS_DEMO"] = "false"
	r := runLos(t, env, "", "kb", "search", "endre fakturaadresse")
	if r.code != 0 || !strings.Contains(r.stdout, "no sections found") || !strings.Contains(r.stderr, "LOS_DEMO=false") {
		t.Errorf("LOS_DEMO=false: exit %d, out %q, err %q", r.code, r.stdout, r.stderr)
	}
	// Later, the default loads it into the still empty store.
	delete(env, "LOS_DEMO")
	if !searchFinds(t, env, "endre fakturaadresse", "endre-fakturaadresse") {
		t.Error("the demo did not load once allowed")
	}
}

func TestKBRemoveDemo(t *testing.T) {
	env := baseEnv(t)
	// The demo loads on first use; then the company imports its own
	// articles, one of them over a demo article.
	if r := runLos(t, env, "", "kb", "reindex"); r.code != 0 {
		t.Fatalf("reindex: %s", r.stderr)
	}
	if r := runLos(t, env, "", "kb", "import", ownArticles(t, "endre-fakturaadresse")); r.code != 0 {
		t.Fatalf("import: %s", r.stderr)
	}
	r := runLos(t, env, "", "kb", "remove-demo", "--dry-run")
	if r.code != 0 || !strings.Contains(r.stdout, "would move 55 of 56 demo articles") || !strings.Contains(r.stdout, "  endre-fakturaadresse\n") {
		t.Fatalf("dry run: exit %d, out %q, err %q", r.code, r.stdout, r.stderr)
	}
	if !searchFinds(t, env, "melde flytting", "melde-flytting") {
		t.Fatal("the dry run removed articles")
	}
	r = runLos(t, env, "", "kb", "remove-demo")
	if r.code != 0 || !strings.Contains(r.stdout, "moved 55 of 56 demo articles") ||
		!strings.Contains(r.stdout, "kept 1 demo articles someone changed") || !strings.Contains(r.stdout, "  endre-fakturaadresse\n") {
		t.Fatalf("remove-demo: exit %d, out %q, err %q", r.code, r.stdout, r.stderr)
	}
	if searchFinds(t, env, "melde flytting", "melde-flytting") {
		t.Error("a removed demo article is still searchable")
	}
	if !searchFinds(t, env, "varmepumpe pris", "varmepumpe") || !searchFinds(t, env, "endre fakturaadressen", "endre-fakturaadresse") {
		t.Error("the company's own articles went too")
	}
	// Nothing is loaded back into the store, which now has articles.
	if r = runLos(t, env, "", "kb", "remove-demo"); !strings.Contains(r.stdout, "moved 0 of 56") {
		t.Errorf("second run: %q", r.stdout)
	}
}
