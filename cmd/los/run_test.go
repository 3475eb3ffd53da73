package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/los-bot/los/config"
	"github.com/los-bot/los/store"
)

// closedPort returns a loopback URL where nothing listens, so Ollama is
// "down" for the test.
func closedPort(t *testing.T) string {
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
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("not one JSON object: %q (%v)", r.stdout, err)
	}
	if got.Mode != "extractive" || got.Action != "answer" || got.Category != "none" || got.Answer == "" {
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

func TestAskRefusesLongQuestion(t *testing.T) {
	r := runLos(t, baseEnv(t), "", "ask", strings.Repeat("a", 4001))
	if r.code != 1 || !strings.Contains(r.stderr, "limit is 4000") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestTriageLines(t *testing.T) {
	r := runLos(t, baseEnv(t), "Hvordan endrer jeg fakturaadressen?\n\nJeg vil ikke leve lenger\n", "triage")
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
	for _, k := range []string{"text", "category", "severity", "action", "signals"} {
		if _, ok := first[k]; !ok {
			t.Errorf("line lacks %q: %s", k, lines[0])
		}
	}
	if first["category"] != "none" || second["category"] != "self_harm" || second["action"] != "handoff_now" {
		t.Errorf("got %v / %v", first["category"], second)
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

func TestServeAndShutdown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfgEnv := baseEnv(t)
	cfgEnv["LOS_ADDR"] = "127.0.0.1:0"
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		e, err := testEnv(cfgEnv)
		if err != nil {
			done <- err
			return
		}
		done <- serve(ctx, e, func(a string) { addrc <- a })
	}()
	var addr string
	select {
	case addr = <-addrc:
	case err := <-done:
		t.Fatalf("serve ended: %v", err)
	}
	resp, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "degraded") {
		t.Errorf("readyz with Ollama down: %d %s; want 200 degraded", resp.StatusCode, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}
}

// testEnv builds a command env from a map, as run does.
func testEnv(vars map[string]string, stderr ...io.Writer) (*env, error) {
	var out bytes.Buffer
	e := &env{stdout: &out, stderr: io.Discard}
	if len(stderr) > 0 {
		e.stderr = stderr[0]
	}
	cfg, err := config.FromEnv(func(k string) string { return vars[k] })
	if err != nil {
		return nil, err
	}
	e.cfg = cfg
	if err := e.parse("serve", new(flag.FlagSet), 0, ""); err != nil {
		return nil, err
	}
	return e, nil
}

// TestLogsHoldNoMessageText: at the default log level neither a one-off
// question nor a conversation over HTTP puts customer text in the logs.
func TestLogsHoldNoMessageText(t *testing.T) {
	const secret = "Solsikkeåkeren min bak låven"
	env := baseEnv(t)
	r := runLos(t, env, "", "ask", secret+" har ikke strøm. Hvordan endrer jeg fakturaadressen?")
	if r.code != 0 || strings.Contains(r.stderr, secret) || strings.Contains(r.stderr, "fakturaadressen?") {
		t.Errorf("ask: exit %d, log holds the question:\n%s", r.code, r.stderr)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	env["LOS_ADDR"] = "127.0.0.1:0"
	var logs syncWriter
	e, err := testEnv(env, &logs)
	if err != nil {
		t.Fatal(err)
	}
	addrc, done := make(chan string, 1), make(chan error, 1)
	go func() { done <- serve(ctx, e, func(a string) { addrc <- a }) }()
	addr := <-addrc
	resp, err := http.Post("http://"+addr+"/api/v1/conversations", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	var c struct{ ID, Token string }
	json.NewDecoder(resp.Body).Decode(&c)
	resp.Body.Close()
	req, _ := http.NewRequest("POST", "http://"+addr+"/api/v1/conversations/"+c.ID+"/messages",
		strings.NewReader(`{"text":"`+secret+`, min far døde i går"}`))
	req.Header.Set("Authorization", "Bearer "+c.Token)
	req.Header.Set("Content-Type", "application/json")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "handoff_now") {
		t.Fatalf("turn: %d %s", resp.StatusCode, body)
	}
	cancel()
	<-done
	if got := logs.String(); !strings.Contains(got, "msg=turn") || strings.Contains(got, secret) || strings.Contains(got, "døde") {
		t.Errorf("serve log lacks the turn line or holds customer text:\n%s", got)
	}
}

// syncWriter is a log sink safe for the server's goroutines.
type syncWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// TestSelfHarmWithOllamaDown: through the API, with no model server, a
// self-harm message gets the crisis numbers and a queued handoff in the
// same turn.
func TestSelfHarmWithOllamaDown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	env := baseEnv(t)
	env["LOS_ADDR"] = "127.0.0.1:0"
	e, err := testEnv(env)
	if err != nil {
		t.Fatal(err)
	}
	addrc, done := make(chan string, 1), make(chan error, 1)
	go func() { done <- serve(ctx, e, func(a string) { addrc <- a }) }()
	addr := <-addrc
	resp, err := http.Post("http://"+addr+"/api/v1/conversations", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	var c struct{ ID, Token string }
	json.NewDecoder(resp.Body).Decode(&c)
	resp.Body.Close()
	req, _ := http.NewRequest("POST", "http://"+addr+"/api/v1/conversations/"+c.ID+"/messages",
		strings.NewReader(`{"text":"Jeg orker ikke mer. Jeg har tenkt på å ta livet mitt."}`))
	req.Header.Set("Authorization", "Bearer "+c.Token)
	req.Header.Set("Content-Type", "application/json")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var turn struct{ Answer, Action, Category, Severity string }
	json.NewDecoder(resp.Body).Decode(&turn)
	resp.Body.Close()
	if turn.Action != "handoff_now" || turn.Category != "self_harm" || turn.Severity != "critical" {
		t.Errorf("turn = %+v, want handoff_now self_harm critical", turn)
	}
	for _, number := range []string{"116 123", "22 40 00 40", "113"} {
		if !strings.Contains(turn.Answer, number) {
			t.Errorf("answer lacks crisis number %s: %q", number, turn.Answer)
		}
	}
	cancel()
	<-done
	db, err := store.Open(context.Background(), filepath.Join(env["LOS_DATA"], "los.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	q, err := db.Queue(context.Background())
	if err != nil || len(q) != 1 || q[0].ConversationID != c.ID || q[0].Severity != "critical" {
		t.Errorf("queue = %+v, %v; want the conversation queued as critical", q, err)
	}
}
