package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// closedPort returns a loopback URL where nothing listens, so Ollama is
// "down" for the test.
func closedPort(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr
}

type result struct {
	code           int
	stdout, stderr string
}

func runLos(t *testing.T, env map[string]string, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return env[k] }
	code := run(context.Background(), args, getenv, strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

func baseEnv(t *testing.T) map[string]string {
	return map[string]string{"LOS_DATA": t.TempDir(), "OLLAMA_HOST": closedPort(t), "LOS_FIRST_TOKEN_TIMEOUT": "2s"}
}

func TestAskJSONWithoutOllama(t *testing.T) {
	env := baseEnv(t)
	r := runLos(t, env, "", "ask", "--json", "Hvordan endrer jeg fakturaadressen min?")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var got struct {
		Answer    string   `json:"answer"`
		Action    string   `json:"action"`
		Category  string   `json:"category"`
		Citations []string `json:"citations"`
		Mode      string   `json:"mode"`
		Lang      string   `json:"lang"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("not one JSON object: %q (%v)", r.stdout, err)
	}
	if got.Mode != "extractive" || got.Action != "answer" || got.Category != "none" || got.Answer == "" || got.Lang != "nb" {
		t.Errorf("got %+v", got)
	}
	if len(got.Citations) == 0 || got.Citations[0] != "endre-fakturaadresse" {
		t.Errorf("citations = %v, want endre-fakturaadresse first", got.Citations)
	}
	// A second run reuses the store and the index.
	r = runLos(t, env, "", "ask", "Hvordan endrer jeg fakturaadressen min?")
	if r.code != 0 || !strings.Contains(r.stdout, "/artikler/endre-fakturaadresse") {
		t.Errorf("plain ask: exit %d, out %q", r.code, r.stdout)
	}
	if strings.Contains(r.stderr, "rebuilding") || strings.Contains(r.stderr, "building it") {
		t.Errorf("the second run rebuilt a current index:\n%s", r.stderr)
	}
}

// TestAskNynorskQuotesInNynorsk: a Nynorsk question gets a Nynorsk reply
// ("lang": "nn"), and with Apertium installed a Bokmål article is quoted
// in translation (saying "Omsett maskinelt frå bokmål").
func TestAskNynorskQuotesInNynorsk(t *testing.T) {
	r := runLos(t, baseEnv(t), "", "ask", "--json", "Korleis endrar eg fakturaadressa mi?")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var got struct {
		Answer string `json:"answer"`
		Lang   string `json:"lang"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("not one JSON object: %q (%v)", r.stdout, err)
	}
	if got.Lang != "nn" {
		t.Errorf("lang %q, want nn", got.Lang)
	}
	if strings.Contains(r.stderr, "Apertium is not installed") {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI needs apertium-nno-nob")
		}
		return
	}
	// Either a Nynorsk article answers, or a Bokmål one in translation.
	if strings.Contains(got.Answer, "fakturaadressen") || strings.Contains(got.Answer, "Maskinoversatt") {
		t.Errorf("answer not in Nynorsk:\n%s", got.Answer)
	}
}

func TestAskRefusesLongQuestion(t *testing.T) {
	r := runLos(t, baseEnv(t), "", "ask", strings.Repeat("a", 4001))
	if r.code != 1 || !strings.Contains(r.stderr, "limit is 4000") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestTriageLines(t *testing.T) {
	r := runLos(t, baseEnv(t), "Hvordan endrer jeg fakturaadressen?\n\nEg vil ikkje leve lenger\n", "triage")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want 2 (blank lines skipped): %q", len(lines), r.stdout)
	}
	var first, second map[string]any
	if json.Unmarshal([]byte(lines[0]), &first) != nil || json.Unmarshal([]byte(lines[1]), &second) != nil {
		t.Fatalf("lines are not JSON: %q", r.stdout)
	}
	for _, k := range []string{"text", "category", "severity", "action", "signals", "lang"} {
		if _, ok := first[k]; !ok {
			t.Errorf("line lacks %q: %s", k, lines[0])
		}
	}
	if first["category"] != "none" || second["category"] != "self_harm" || second["action"] != "handoff_now" {
		t.Errorf("got %v / %v", first["category"], second)
	}
	if first["lang"] != "nb" || second["lang"] != "nn" {
		t.Errorf("lang: %v / %v, want nb / nn", first["lang"], second["lang"])
	}
}

func TestKBImportAllOrNothing(t *testing.T) {
	env := baseEnv(t)
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("ny-artikkel.md", "---\ntitle: Ny artikkel om varmepumper\n---\nVi selger varmepumper fra Nordlys.\n\n## Pris\nEn varmepumpe koster 19 990 kroner.\n")
	write("odelagt.md", "---\ntitle: [uavsluttet\n---\nTekst\n")
	r := runLos(t, env, "", "kb", "import", dir)
	if r.code == 0 || !strings.Contains(r.stderr, "odelagt.md") {
		t.Fatalf("import with a broken file: exit %d, stderr %q; want an error naming the file", r.code, r.stderr)
	}
	r = runLos(t, env, "", "kb", "search", "varmepumpe pris")
	if strings.Contains(r.stdout, "ny-artikkel") {
		t.Error("a failed import left an article searchable")
	}
	os.Remove(filepath.Join(dir, "odelagt.md"))
	r = runLos(t, env, "", "kb", "import", dir)
	if r.code != 0 || !strings.Contains(r.stdout, "imported 1 articles") {
		t.Fatalf("import: exit %d, out %q, err %q", r.code, r.stdout, r.stderr)
	}
	r = runLos(t, env, "", "kb", "search", "varmepumpe pris")
	if !strings.Contains(r.stdout, "ny-artikkel") {
		t.Errorf("imported article not searchable:\n%s", r.stdout)
	}
}

func TestIndexRebuiltWhenCorrupt(t *testing.T) {
	env := baseEnv(t)
	if r := runLos(t, env, "", "kb", "reindex"); r.code != 0 {
		t.Fatalf("reindex: %d %s", r.code, r.stderr)
	}
	idx := filepath.Join(env["LOS_DATA"], "index")
	entries, err := os.ReadDir(idx)
	if err != nil || len(entries) == 0 {
		t.Fatalf("no index at %s: %v", idx, err)
	}
	for _, e := range entries {
		os.WriteFile(filepath.Join(idx, e.Name()), []byte("garbage"), 0o644)
	}
	r := runLos(t, env, "", "ask", "--json", "Hvordan endrer jeg fakturaadressen min?")
	if r.code != 0 || !strings.Contains(r.stdout, "endre-fakturaadresse") {
		t.Fatalf("ask after corruption: exit %d, out %q, err %q", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "rebuild") {
		t.Errorf("the log does not say the index was rebuilt:\n%s", r.stderr)
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"bad duration", map[string]string{"LOS_FIRST_TOKEN_TIMEOUT": "soon"}, []string{"version"}, "not a duration"},
		{"bad addr", nil, []string{"serve", "--addr", "nowhere"}, "HOST:PORT"},
		{"bad policy", map[string]string{"LOS_POLICY": "self_harm=answer"}, []string{"version"}, "critical"},
		{"unknown command", nil, []string{"fly"}, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runLos(t, tt.env, "", tt.args...)
			if r.code == 0 || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want failure mentioning %q", r.code, r.stderr, tt.want)
			}
		})
	}
}

// TestSavedSynonymsApplyAtStart: synonyms editors saved in the store are
// used by every command, not only by a running server.
func TestSavedSynonymsApplyAtStart(t *testing.T) {
	env := baseEnv(t)
	if r := runLos(t, env, "", "kb", "search", "hundematen"); r.code != 0 || !strings.Contains(r.stdout, "no sections found") {
		t.Fatalf("before: exit %d, out %q", r.code, r.stdout)
	}
	db, err := openStore(context.Background(), env["LOS_DATA"])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetSynonyms(context.Background(), "hundematen = fakturaadresse\n", "test"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	r := runLos(t, env, "", "kb", "search", "hundematen")
	if r.code != 0 || !strings.Contains(r.stdout, "endre-fakturaadresse") {
		t.Errorf("after saving a synonym: exit %d, out %q", r.code, r.stdout)
	}
}
