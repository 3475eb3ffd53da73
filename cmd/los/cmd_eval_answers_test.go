package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalAnswersAndConversations runs both measures on small labelled
// files against the demo knowledge base: the questions in process, the
// conversations over HTTP through a server started on a free port.
func TestEvalAnswersAndConversations(t *testing.T) {
	env := baseEnv(t)
	dir := t.TempDir()
	tsv := filepath.Join(dir, "q.tsv")
	os.WriteFile(tsv, []byte("id\tlang\tslugs\tevidence\ttext\n"+
		"q1\tnb\tendre-fakturaadresse\t-\tHvordan endrer jeg fakturaadressen min?\n"+
		"q2\tnb\t-\t-\tHvor kan jeg parkere bilen min når jeg besøker dere?\n"), 0o600)
	r := runLos(t, env, "", "eval", "answers", "--tsv", tsv, "--format", "json")
	if r.code != 0 {
		t.Fatalf("eval answers: exit %d: %s", r.code, r.stderr)
	}
	var ans struct {
		All struct {
			Answerable int     `json:"answerable"`
			RightFirst float64 `json:"right_first"`
			OutOfScope int     `json:"out_of_scope"`
		} `json:"all"`
		Modes map[string]int `json:"modes"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &ans); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if ans.All.Answerable != 1 || ans.All.RightFirst != 1 || ans.All.OutOfScope != 1 || ans.Modes["extractive"] != 2 {
		t.Errorf("answers report: %s", r.stdout)
	}

	conv := filepath.Join(dir, "c.json")
	os.WriteFile(conv, []byte(`[{"id":"c1","lang":"nb","messages":[
		{"text":"Hvordan endrer jeg fakturaadressen min?","kind":"first","slugs":["endre-fakturaadresse"],"evidence":"-"},
		{"text":"Hvordan bestiller jeg e-faktura i nettbanken?","kind":"switch","slugs":["efaktura","avtalegiro-og-efaktura"],"evidence":"-"}]}]`), 0o600)
	r = runLos(t, env, "", "eval", "conversations", "--json", conv, "--stream", "--failures")
	if r.code != 0 {
		t.Fatalf("eval conversations: exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"first", "switch", "later", "streamed:"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("conversations report lacks %q:\n%s", want, r.stdout)
		}
	}
	// The measured conversations went to a copy, not the data directory.
	if _, err := os.Stat(filepath.Join(env["LOS_DATA"], "los.db")); err == nil {
		t.Errorf("the evaluation wrote to the data directory")
	}

	held := filepath.Join(dir, "x.heldout.tsv")
	os.WriteFile(held, []byte("id\tlang\tslugs\tevidence\ttext\nq\tnb\t-\t-\thei\n"), 0o600)
	if r := runLos(t, env, "", "eval", "answers", "--tsv", held, "--failures"); r.code == 0 || !strings.Contains(r.stderr, "held-out") {
		t.Errorf("--failures on a held-out set: exit %d, %s", r.code, r.stderr)
	}
}
