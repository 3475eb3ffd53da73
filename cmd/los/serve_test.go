package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/los-bot/los/store"
)

func TestServeAndShutdown(t *testing.T) {
	cfgEnv := baseEnv(t)
	cfgEnv["LOS_ADDR"] = "127.0.0.1:0"
	addr, _, stop := launchServe(t, cfgEnv)
	resp, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "degraded") {
		t.Errorf("readyz with Ollama down: %d %s; want 200 degraded", resp.StatusCode, body)
	}
	// Apertium is reported, installed or not, and never makes Los unready.
	if !strings.Contains(string(body), `"apertium":"ok"`) && !strings.Contains(string(body), `"apertium":"not installed`) {
		t.Errorf("readyz lacks the Apertium state: %s", body)
	}
	// stop fails the test unless serve returns nil within 30 seconds of
	// its context ending.
	stop()
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

	addr, logs := startServe(t, env)
	_, body := converse(t, addr, secret+", min far døde i går")
	if !strings.Contains(string(body), "handoff_now") {
		t.Fatalf("turn: %s", body)
	}
	if got := logs.String(); !strings.Contains(got, "msg=turn") || strings.Contains(got, secret) || strings.Contains(got, "døde") {
		t.Errorf("serve log lacks the turn line or holds customer text:\n%s", got)
	}
}

// TestSelfHarmWithOllamaDown: through the API, with no model server, a
// self-harm message gets the crisis numbers and a queued handoff in the
// same turn.
func TestSelfHarmWithOllamaDown(t *testing.T) {
	env := baseEnv(t)
	addr, _ := startServe(t, env)
	id, body := converse(t, addr, "Jeg orker ikke mer. Jeg har tenkt på å ta livet mitt.")
	var turn struct{ Answer, Action, Category, Severity string }
	if err := json.Unmarshal(body, &turn); err != nil {
		t.Fatal(err)
	}
	if turn.Action != "handoff_now" || turn.Category != "self_harm" || turn.Severity != "critical" {
		t.Errorf("turn = %+v, want handoff_now self_harm critical", turn)
	}
	for _, number := range []string{"116 123", "22 40 00 40", "113"} {
		if !strings.Contains(turn.Answer, number) {
			t.Errorf("answer lacks crisis number %s: %q", number, turn.Answer)
		}
	}
	// The store is read while Los still runs: SQLite allows it.
	db, err := store.Open(context.Background(), filepath.Join(env["LOS_DATA"], "los.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	q, err := db.Queue(context.Background())
	if err != nil || len(q) != 1 || q[0].ConversationID != id || q[0].Severity != "critical" {
		t.Errorf("queue = %+v, %v; want the conversation queued as critical", q, err)
	}
}

// converse starts a conversation on a running Los, sends text and returns
// the conversation's ID and the turn's JSON.
func converse(t *testing.T, addr, text string) (string, []byte) {
	t.Helper()
	resp, err := http.Post("http://"+addr+"/api/v1/conversations", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	var c struct{ ID, Token string }
	err = json.NewDecoder(resp.Body).Decode(&c)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := json.Marshal(map[string]string{"text": text})
	req, _ := http.NewRequest("POST", "http://"+addr+"/api/v1/conversations/"+c.ID+"/messages", bytes.NewReader(msg))
	req.Header.Set("Authorization", "Bearer "+c.Token)
	req.Header.Set("Content-Type", "application/json")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("turn: %d %s", resp.StatusCode, body)
	}
	return c.ID, body
}
