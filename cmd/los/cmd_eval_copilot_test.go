package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalCopilot runs the desk's copilot over a small set against the
// demo knowledge base, and refuses to list a held-out set's misses.
func TestEvalCopilot(t *testing.T) {
	env := baseEnv(t)
	dir := t.TempDir()
	set := filepath.Join(dir, "small.tune.tsv")
	rows := "id\tlang\tslugs\tevidence\ttext\n" +
		"q1\tnb\tendre-fakturaadresse,endre-rekningsadresse\t-\tHvordan endrer jeg fakturaadressen min?\n" +
		"q2\tnb\t-\t-\tHvor kan jeg parkere hos dere?\n"
	if err := os.WriteFile(set, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runLos(t, env, "", "eval", "copilot", "--tsv", set, "--misses")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var reps []struct {
		File       string  `json:"file"`
		InScope    int     `json:"in_scope"`
		Top1       float64 `json:"top1"`
		Top3       float64 `json:"top3"`
		OutOfScope int     `json:"out_of_scope"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &reps); err != nil {
		t.Fatalf("%v: %s", err, r.stdout)
	}
	if len(reps) != 1 || reps[0].File != "small.tune.tsv" || reps[0].InScope != 1 || reps[0].Top1 != 1 || reps[0].OutOfScope != 1 {
		t.Errorf("report = %+v", reps)
	}

	held := filepath.Join(dir, "small.heldout.tsv")
	if err := os.WriteFile(held, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runLos(t, env, "", "eval", "copilot", "--tsv", held, "--misses"); r.code == 0 || !strings.Contains(r.stderr, "never read") {
		t.Errorf("--misses on a held-out set: exit %d, %s", r.code, r.stderr)
	}
	if r := runLos(t, env, "", "eval", "copilot"); r.code != 2 {
		t.Errorf("without --tsv: exit %d", r.code)
	}
}
