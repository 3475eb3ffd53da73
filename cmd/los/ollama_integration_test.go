package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/los-bot/los"
	"github.com/los-bot/los/config"
	"github.com/los-bot/los/internal/ollamatest"
)

// These tests run Los's commands in-process against a real Ollama server
// from internal/ollamatest (skipped when no server can be built, failed
// under CI=true).

// ollamaEnv configures Los for srv with a fresh data directory.
func ollamaEnv(t *testing.T, srv *ollamatest.Server, chatModel string) map[string]string {
	return map[string]string{
		"LOS_DATA":                t.TempDir(),
		"OLLAMA_HOST":             srv.URL.String(),
		"LOS_CHAT_MODEL":          chatModel,
		"LOS_ADDR":                "127.0.0.1:0",
		"LOS_FIRST_TOKEN_TIMEOUT": "20s",
		"LOS_GENERATION_TIMEOUT":  "40s",
	}
}

// tinyModel creates on srv a variant of the harness's tiny model, named
// name, that runs on one thread (llama.cpp's busy-waiting threads slow a
// shared 2-core machine down many times over) with extra parameters.
func tinyModel(t *testing.T, srv *ollamatest.Server, name string, params map[string]any) string {
	t.Helper()
	p := map[string]any{"num_thread": 1}
	for k, v := range params {
		p[k] = v
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := srv.Client.Create(ctx, &api.CreateRequest{Model: name, From: srv.Model, Parameters: p},
		func(api.ProgressResponse) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	return name
}

// bounded is a model whose answers end after 16 tokens: Los passes no
// options to the model, and the tiny model would otherwise write until the
// generation deadline.
func bounded(t *testing.T, srv *ollamatest.Server) string {
	return tinyModel(t, srv, "tiny16", map[string]any{"num_predict": 16, "temperature": 0, "seed": 1})
}

// lockedBuffer collects the log of a server running in another goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServe runs `los serve` in-process until the test ends and returns
// its address and its log.
func startServe(t *testing.T, vars map[string]string) (string, *lockedBuffer) {
	t.Helper()
	addr, logs, _ := launchServe(t, vars)
	return addr, logs
}

// launchServe runs `los serve` in-process and returns its address, its
// log and a function that stops it (called again when the test ends).
func launchServe(t *testing.T, vars map[string]string) (string, *lockedBuffer, func()) {
	t.Helper()
	logs := &lockedBuffer{}
	cfg, err := config.FromEnv(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	e := &env{cfg: cfg, stdout: io.Discard, stderr: logs}
	if err := e.parse("serve", new(flag.FlagSet), 0, ""); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- serve(ctx, e, func(a string) { addrc <- a }) }()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("serve: %v", err)
				}
			case <-time.After(30 * time.Second):
				t.Error("serve did not stop")
			}
		})
	}
	t.Cleanup(stop)
	select {
	case addr := <-addrc:
		return addr, logs, stop
	case err := <-done:
		t.Fatalf("serve ended before listening: %v\n%s", err, logs)
	case <-time.After(60 * time.Second):
		t.Fatalf("serve did not listen within a minute:\n%s", logs)
	}
	return "", nil, nil
}

// httpJSON sends a request to Los and decodes the JSON answer into out.
func httpJSON(t *testing.T, method, url, token, body string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s %s: %d %s: %v", method, url, resp.StatusCode, raw, err)
		}
	}
	return resp.StatusCode
}

// ask creates a conversation over the API and asks one question.
func ask(t *testing.T, addr, question string) (mode, answer string) {
	t.Helper()
	var conv struct{ ID, Token string }
	if code := httpJSON(t, "POST", "http://"+addr+"/api/v1/conversations", "", "", &conv); code != http.StatusCreated {
		t.Fatalf("create conversation: %d", code)
	}
	var res struct{ Mode, Answer string }
	body, _ := json.Marshal(map[string]string{"text": question})
	if code := httpJSON(t, "POST", "http://"+addr+"/api/v1/conversations/"+conv.ID+"/messages", conv.Token, string(body), &res); code != http.StatusOK {
		t.Fatalf("post message: %d", code)
	}
	return res.Mode, res.Answer
}

const question = "Hvordan endrer jeg fakturaadressen min?"

// readiness is what /readyz answers.
type readiness struct {
	Status, Store, Index, Ollama string
	Hosts                        []los.ModelHost `json:"ollama_hosts"`
}

// TestServeWithOllamaDown: the Ollama server is stopped when Los starts.
// Los starts anyway, says it is degraded on /readyz and in `los health`,
// and customers get extractive answers.
func TestServeWithOllamaDown(t *testing.T) {
	srv := ollamatest.Start(t)
	srv.Stop()
	addr, logs := startServe(t, ollamaEnv(t, srv, srv.Model))

	var ready readiness
	if code := httpJSON(t, "GET", "http://"+addr+"/readyz", "", "", &ready); code != http.StatusOK {
		t.Errorf("/readyz: %d, want 200 (degraded is not unready)", code)
	}
	if !strings.HasPrefix(ready.Status, "degraded: Ollama unreachable") || ready.Store != "ok" || ready.Index != "ok" {
		t.Errorf("/readyz says %v, want status \"degraded: Ollama unreachable...\"", ready)
	}
	if !strings.Contains(logs.String(), "Ollama is not ready") {
		t.Errorf("the start log does not say Ollama is not ready:\n%s", logs)
	}

	r := runLos(t, map[string]string{"LOS_ADDR": addr}, "", "health")
	if r.code != 0 || !strings.Contains(r.stdout, "degraded: Ollama unreachable") {
		t.Errorf("los health: exit %d, out %q, err %q; want exit 0 saying degraded", r.code, r.stdout, r.stderr)
	}

	for range 2 {
		if mode, answer := ask(t, addr, question); mode != "extractive" || !strings.Contains(answer, "Min side") {
			t.Errorf("answer with Ollama down: %s %q, want an extractive answer quoting the knowledge base", mode, answer)
		}
	}
}

// TestServeWithOllama: with the model present, Los is ready and answers
// from the model over the API.
func TestServeWithOllama(t *testing.T) {
	srv := ollamatest.Start(t)
	addr, logs := startServe(t, ollamaEnv(t, srv, bounded(t, srv)))
	var ready readiness
	if code := httpJSON(t, "GET", "http://"+addr+"/readyz", "", "", &ready); code != http.StatusOK || !strings.HasPrefix(ready.Status, "ok") {
		t.Errorf("/readyz: %d %v, want 200 ok", code, ready)
	}
	if mode, answer := ask(t, addr, question); mode != "generated" || answer == "" {
		t.Errorf("answer: %s %q, want a generated answer; log:\n%s", mode, answer, logs)
	}
}

// TestServeLogsMissingModel: at start, Los says exactly what to run when
// the configured chat model is missing, once.
func TestServeLogsMissingModel(t *testing.T) {
	srv := ollamatest.Start(t)
	addr, logs := startServe(t, ollamaEnv(t, srv, "mangler:7b"))
	if n := strings.Count(logs.String(), "ollama pull mangler:7b"); n != 1 {
		t.Errorf("the start log names \"ollama pull mangler:7b\" %d times, want once:\n%s", n, logs)
	}
	var ready readiness
	httpJSON(t, "GET", "http://"+addr+"/readyz", "", "", &ready)
	if !strings.Contains(ready.Status, `chat model "mangler:7b" missing`) || !strings.Contains(ready.Status, "ollama pull mangler:7b") {
		t.Errorf("/readyz says %v, want the missing model and the command", ready)
	}
	if mode, _ := ask(t, addr, question); mode != "extractive" {
		t.Errorf("answer with the model missing: %s, want extractive", mode)
	}
}

func TestModelsList(t *testing.T) {
	srv := ollamatest.Start(t)
	vars := ollamaEnv(t, srv, srv.Model)
	vars["LOS_EMBED_MODEL"] = "mangler-embed"
	r := runLos(t, vars, "", "models", "list")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n")[1:] {
		if f := strings.Fields(line); len(f) > 1 {
			rows[f[0]] = line
		}
	}
	if row := rows[srv.Model]; !strings.Contains(row, "present") || !strings.Contains(row, "MB") {
		t.Errorf("configured model row %q, want present with its size:\n%s", row, r.stdout)
	}
	if row := rows["mangler-embed"]; !strings.Contains(row, "missing") || !strings.Contains(row, "pull") {
		t.Errorf("missing model row %q, want missing and what to run:\n%s", row, r.stdout)
	}
}

// TestModelsPullOffline: the server has no network (as on this machine), so
// pulling fails fast with a clear message and a non-zero exit.
func TestModelsPullOffline(t *testing.T) {
	srv := ollamatest.Start(t)
	start := time.Now()
	r := runLos(t, ollamaEnv(t, srv, "mangler:7b"), "", "models", "pull")
	took := time.Since(start)
	if r.code == 0 {
		t.Fatalf("pull succeeded offline: %s", r.stdout)
	}
	if !strings.Contains(r.stderr, `pulling "mangler:7b"`) || !strings.Contains(r.stderr, "no network") {
		t.Errorf("stderr %q, want the model and that Ollama has no network", r.stderr)
	}
	if took > 25*time.Second {
		t.Errorf("pull took %v to fail", took)
	}
	t.Logf("failed after %v: %s", took.Round(time.Millisecond), strings.TrimSpace(r.stderr))
}
