package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/store"
)

type env struct {
	srv *httptest.Server
	db  *store.DB
}

// newEnv serves Los with a real SQLite store and a real Bleve index of the
// demo knowledge base, and no model: answers are extractive.
func newEnv(t testing.TB, gen los.Chatter) *env {
	t.Helper()
	return newEnvWith(t, gen, nil)
}

func newEnvWith(t testing.TB, gen los.Chatter, tune func(*bot.Config)) *env {
	t.Helper()
	return newEnvDeps(t, gen, tune, nil)
}

func newEnvDeps(t testing.TB, gen los.Chatter, tune func(*bot.Config), tuneDeps func(*siteDeps)) *env {
	t.Helper()
	_, bench := t.(*testing.B)
	st := newTestStack(t, stackOptions{deps: tuneDeps, validate: !bench, bot: func(c *bot.Config) {
		if gen != nil {
			c.Generator = gen
		}
		if tune != nil {
			tune(c)
		}
	}})
	return &env{srv: st.srv, db: st.db}
}

func (e *env) do(t testing.TB, method, path, token, body string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func (e *env) start(t testing.TB) (id, token string) {
	t.Helper()
	resp, body := e.do(t, "POST", "/api/v1/conversations", "", "")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create: %d %s", resp.StatusCode, body)
	}
	var c struct{ ID, Token string }
	if err := json.Unmarshal(body, &c); err != nil || c.ID == "" || !strings.HasPrefix(c.Token, "lct_") {
		t.Fatalf("create: %s (%v)", body, err)
	}
	return c.ID, c.Token
}

func TestConversationJSON(t *testing.T) {
	e := newEnv(t, nil)
	id, token := e.start(t)
	resp, body := e.do(t, "POST", "/api/v1/conversations/"+id+"/messages", token, `{"text":"Hvordan endrer jeg fakturaadressen min?"}`)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("message: %d %s", resp.StatusCode, body)
	}
	var turn map[string]any
	if err := json.Unmarshal(body, &turn); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"answer", "action", "category", "citations", "mode"} {
		if _, ok := turn[k]; !ok {
			t.Errorf("turn lacks %q: %s", k, body)
		}
	}
	if turn["mode"] != "extractive" || turn["action"] != "answer" {
		t.Errorf("mode %v action %v, want extractive answer", turn["mode"], turn["action"])
	}
	cites, _ := turn["citations"].([]any)
	if len(cites) == 0 || cites[0] != "endre-fakturaadresse" {
		t.Errorf("citations = %v, want endre-fakturaadresse first", cites)
	}

	resp, body = e.do(t, "GET", "/api/v1/conversations/"+id, token, "")
	var tr struct {
		Lang     string
		Messages []struct {
			ID   int64
			Role string
		}
	}
	if resp.StatusCode != 200 || json.Unmarshal(body, &tr) != nil || len(tr.Messages) != 2 || tr.Lang != "nb" {
		t.Fatalf("transcript: %d %s", resp.StatusCode, body)
	}
	resp, body = e.do(t, "POST", "/api/v1/conversations/"+id+"/feedback", token,
		`{"message_id":`+jsonInt(tr.Messages[1].ID)+`,"rating":1}`)
	if resp.StatusCode != 200 {
		t.Errorf("feedback: %d %s", resp.StatusCode, body)
	}
	msgs, _ := e.db.Messages(context.Background(), id)
	if msgs[1].Rating != 1 {
		t.Errorf("rating stored = %d, want 1", msgs[1].Rating)
	}
}

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestAuthRevealsNothing(t *testing.T) {
	e := newEnv(t, nil)
	id, token := e.start(t)
	otherID, _ := e.start(t)
	cases := []struct{ name, id, token string }{
		{"no token", id, ""},
		{"wrong token", id, "lct_wrong"},
		{"token of another conversation", otherID, token},
		{"unknown conversation", "does-not-exist", token},
	}
	var bodies []string
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body := e.do(t, "GET", "/api/v1/conversations/"+c.id, c.token, "")
			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("status %d, want 401", resp.StatusCode)
			}
			bodies = append(bodies, string(body))
		})
	}
	for _, b := range bodies[1:] {
		if b != bodies[0] {
			t.Errorf("responses differ, which reveals whether a conversation exists: %q vs %q", b, bodies[0])
		}
	}
}

func TestBadInput(t *testing.T) {
	e := newEnv(t, nil)
	id, token := e.start(t)
	path := "/api/v1/conversations/" + id + "/messages"
	cases := []struct {
		name, body string
		status     int
		code       string
	}{
		{"malformed json", `{"text":`, 400, "malformed"},
		{"no text", `{}`, 422, "invalid"},
		{"empty text", `{"text":"   "}`, 422, "invalid"},
		{"invalid utf-8", "{\"text\":\"hei \xff\"}", 422, "invalid"},
		{"over 4000 characters", `{"text":"` + strings.Repeat("ø", 4001) + `"}`, 413, "too_large"},
		{"body over the limit", `{"text":"` + strings.Repeat("a", 70000) + `"}`, 413, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body := e.do(t, "POST", path, token, c.body)
			if resp.StatusCode != c.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, c.status, body)
			}
			var eb struct {
				Error struct{ Code, Message, Display string }
			}
			if err := json.Unmarshal(body, &eb); err != nil || eb.Error.Message == "" {
				t.Fatalf("error body %s is not {\"error\":{...}}", body)
			}
			if c.code != "" && eb.Error.Code != c.code {
				t.Errorf("code %q, want %q", eb.Error.Code, c.code)
			}
		})
	}
	msgs, _ := e.db.Messages(context.Background(), id)
	if len(msgs) != 0 {
		t.Errorf("bad input stored %d messages", len(msgs))
	}
}

func TestStreamEvents(t *testing.T) {
	e := newEnv(t, nil)
	id, token := e.start(t)
	req, _ := http.NewRequest("POST", e.srv.URL+"/api/v1/conversations/"+id+"/messages", strings.NewReader(`{"text":"Hvordan endrer jeg fakturaadressen min?"}`))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("content type %q", ct)
	}
	events := readEvents(t, resp.Body)
	var names []string
	for _, ev := range events {
		names = append(names, ev.name)
	}
	got := strings.Join(names, ",")
	if !strings.HasSuffix(got, "citation,done") && !strings.HasSuffix(got, "citation,citation,done") {
		t.Errorf("events %s, want citations then done", got)
	}
	var done los.Result
	if err := json.Unmarshal([]byte(events[len(events)-1].data), &done); err != nil || done.Answer == "" {
		t.Errorf("done event %q: %v", events[len(events)-1].data, err)
	}
}

type event struct{ name, data string }

func readEvents(t testing.TB, r io.Reader) []event {
	t.Helper()
	var out []event
	var cur event
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			cur.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			cur.data = strings.TrimPrefix(line, "data: ")
		case line == "" && cur.name != "":
			out = append(out, cur)
			cur = event{}
		}
	}
	return out
}

func TestHumanButtonQueuesHandoff(t *testing.T) {
	e := newEnv(t, nil)
	id, token := e.start(t)
	resp, body := e.do(t, "POST", "/api/v1/conversations/"+id+"/handoff", token, "", "Accept-Language", "nn-NO,nn;q=0.9")
	if resp.StatusCode != 200 || !strings.Contains(string(body), "handoff_now") || !strings.Contains(string(body), "kundebehandlarane") {
		t.Fatalf("handoff: %d %s", resp.StatusCode, body)
	}
	q, err := e.db.Queue(context.Background())
	if err != nil || len(q) != 1 || q[0].ConversationID != id || q[0].Category != los.CategoryHumanRequest {
		t.Errorf("queue = %+v, %v", q, err)
	}
}

func TestConcurrentConversations(t *testing.T) {
	e := newEnv(t, nil)
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id, token := e.start(t)
			resp, body := e.do(t, "POST", "/api/v1/conversations/"+id+"/messages", token, `{"text":"Hva koster det å få papirfaktura?"}`)
			if resp.StatusCode != 200 {
				t.Errorf("%d %s", resp.StatusCode, body)
			}
		}()
	}
	wg.Wait()
}

func TestHealthAndHeaders(t *testing.T) {
	e := newEnv(t, nil)
	resp, _ := e.do(t, "GET", "/healthz", "", "")
	if resp.StatusCode != 200 {
		t.Fatalf("healthz %d", resp.StatusCode)
	}
	if resp.Header.Get("Content-Security-Policy") == "" || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("security headers missing: %v", resp.Header)
	}
	resp, body := e.do(t, "GET", "/readyz", "", "")
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"store":"ok"`) {
		t.Errorf("readyz %d %s", resp.StatusCode, body)
	}
}

func TestExportAndDelete(t *testing.T) {
	e := newEnv(t, nil)
	id, token := e.start(t)
	e.do(t, "POST", "/api/v1/conversations/"+id+"/messages", token, `{"text":"Korleis endrar eg fakturaadressa mi?"}`)
	resp, body := e.do(t, "GET", "/api/v1/conversations/"+id+"/export", token, "")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("export: %d %v", resp.StatusCode, resp.Header)
	}
	for _, want := range []string{"Korleis endrar eg fakturaadressa mi?", "KI-assistent", "/artikler/"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("export lacks %q:\n%s", want, body)
		}
	}
	resp, _ = e.do(t, "DELETE", "/api/v1/conversations/"+id, token, "")
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	if msgs, _ := e.db.Messages(context.Background(), id); len(msgs) != 0 {
		t.Errorf("%d messages remain after delete", len(msgs))
	}
	resp, _ = e.do(t, "GET", "/api/v1/conversations/"+id, token, "")
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("transcript after delete: %d, want 401", resp.StatusCode)
	}
}

// TestWidgetPreflight guards the widget on other sites: every route group
// under /api/v1 must leave CORS preflights to the CORS middleware.
func TestWidgetPreflight(t *testing.T) {
	const origin = "https://butikk.example"
	e := newEnvDeps(t, nil, nil, func(d *siteDeps) { d.WidgetOrigins = []string{origin} })
	for _, path := range []string{"/api/v1/conversations", "/api/v1/conversations/abc/messages", "/api/v1/locales/nn"} {
		resp, _ := e.do(t, "OPTIONS", path, "", "", "Origin", origin, "Access-Control-Request-Method", "POST",
			"Access-Control-Request-Headers", "authorization,content-type")
		if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Origin") != origin {
			t.Errorf("preflight %s: %d, allow-origin %q; want 204 for %s", path, resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"), origin)
		}
	}
	resp, _ := e.do(t, "OPTIONS", "/api/v1/conversations", "", "", "Origin", "https://evil.example", "Access-Control-Request-Method", "POST")
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("an unlisted origin was allowed: %q", got)
	}
}
