package web_test

import (
	"net/http"
	"slices"
	"testing"
)

type demoRemoval struct {
	Removable, Removed, Changed []string
	Total                       int
}

// TestEditorRemovesTheDemo: an editor edits one demo article, then removes
// the demo: the other 55 go to the bin and out of search at once, the
// edited one stays, and a second look finds nothing left to remove.
func TestEditorRemovesTheDemo(t *testing.T) {
	e := newEditorEnv(t)
	ec := e.signIn(t, "eva@example.no")
	var a apiArticle
	if st := ec.json("GET", "/api/v1/articles/endre-fakturaadresse", nil, &a); st != http.StatusOK {
		t.Fatalf("get: %d", st)
	}
	if st := ec.json("PUT", "/api/v1/articles/endre-fakturaadresse", map[string]any{"version": a.Version, "title": "Vår egen tittel",
		"body": a.Body, "tags": a.Tags, "lang": a.Lang}, &a); st != http.StatusOK {
		t.Fatalf("save: %d", st)
	}
	var plan demoRemoval
	if st := ec.json("GET", "/api/v1/editor/demo", nil, &plan); st != http.StatusOK {
		t.Fatalf("plan: %d", st)
	}
	if plan.Total != 56 || len(plan.Removable) != 55 || !slices.Equal(plan.Changed, []string{"endre-fakturaadresse"}) {
		t.Fatalf("plan: %d removable of %d, changed %v", len(plan.Removable), plan.Total, plan.Changed)
	}
	if !e.found(t, "Hvordan melder jeg flytting?", "melde-flytting") {
		t.Fatal("the demo is not searchable to begin with")
	}
	var done demoRemoval
	if st := ec.json("POST", "/api/v1/editor/demo/remove", nil, &done); st != http.StatusOK {
		t.Fatalf("remove: %d", st)
	}
	if !slices.Equal(done.Removed, plan.Removable) || !slices.Equal(done.Changed, plan.Changed) {
		t.Errorf("removed %d, kept %v; the plan said %d and %v", len(done.Removed), done.Changed, len(plan.Removable), plan.Changed)
	}
	if e.found(t, "Hvordan melder jeg flytting?", "melde-flytting") {
		t.Error("a removed demo article is still searchable")
	}
	if !e.found(t, "Hvordan endrer jeg fakturaadressen?", "endre-fakturaadresse") {
		t.Error("the edited demo article went too")
	}
	var bin struct{ Articles []apiArticle }
	if st := ec.json("GET", "/api/v1/articles?bin=1", nil, &bin); st != http.StatusOK || len(bin.Articles) != 55 {
		t.Errorf("bin: %d, %d articles; want the 55 removed", st, len(bin.Articles))
	}
	if st := ec.json("GET", "/api/v1/editor/demo", nil, &plan); st != http.StatusOK || len(plan.Removable) != 0 {
		t.Errorf("after removing: %d, %v", st, plan.Removable)
	}
	// Agents may not.
	kari := e.signIn(t, "kari@example.no")
	if st := kari.json("POST", "/api/v1/editor/demo/remove", nil, nil); st != http.StatusForbidden {
		t.Errorf("an agent removing the demo: %d, want 403", st)
	}
}
