package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/redact"
)

// fnr is a valid fødselsnummer (both check digits), as a customer, an
// agent or a model might write it.
const fnr = "01023950096"

// leakyModel writes the fødselsnummer into every answer and summary, as
// the audit saw a model do, and keeps every request it got.
type leakyModel struct {
	mu   sync.Mutex
	sent []string
}

func (m *leakyModel) Chat(_ context.Context, req *los.ChatRequest, fn los.ChatFunc) error {
	m.mu.Lock()
	for _, msg := range req.Messages {
		m.sent = append(m.sent, msg.Content)
	}
	m.mu.Unlock()
	if err := fn(los.ChatResponse{Content: "Fakturaen finner du på Min side [1]. Fødselsnummeret ditt er " + fnr + "."}); err != nil {
		return err
	}
	return fn(los.ChatResponse{Done: true})
}

// seenTriager keeps every text it classifies, as a second opinion would
// send it to the model.
type seenTriager struct {
	mu   sync.Mutex
	seen []string
}

func (s *seenTriager) Classify(ctx context.Context, text string) los.Triage {
	s.mu.Lock()
	s.seen = append(s.seen, text)
	s.mu.Unlock()
	return testTriager.Classify(ctx, text)
}

// summaryWritten tells the test when the model's summary is stored.
type summaryWritten struct {
	st   **stack
	done chan struct{}
}

func (s summaryWritten) SetHandoffSummary(ctx context.Context, id, summary string) error {
	defer close(s.done)
	return (*s.st).db.SetHandoffSummary(ctx, id, summary)
}

// TestNoIdentifierIsStoredOrSentOn sends a fødselsnummer through every
// entry point of text: a customer's message (JSON and streamed), the
// model's answer and its handoff summary, a call-back's name and note, a
// satisfaction comment, an agent's reply and the editor's question
// tester. It must never reach the database file (los.db, its WAL and
// shared memory, read raw) nor the model.
func TestNoIdentifierIsStoredOrSentOn(t *testing.T) {
	model, triager := &leakyModel{}, &seenTriager{}
	summarized := make(chan struct{})
	clock := &testClock{t: mondayMorning}
	var st *stack
	st = newTestStack(t, stackOptions{clock: clock.now,
		users: map[string]auth.Role{"kari@example.no": auth.RoleAgent, "eva@example.no": auth.RoleEditor},
		bot: func(c *bot.Config) {
			// As cmd/los wires it: the classifier redacts before its second
			// opinion; the bot redacts the question; the store the rest.
			c.Retriever, c.Generator, c.Redactor = oneSource{}, model, redact.New(redact.All.Kinds()...)
			c.Triager = redact.Triager{Next: triager, Redactor: c.Redactor}
			c.Summaries = summaryWritten{st: &st, done: summarized}
		}})
	e := &deskEnv{srv: st.srv, db: st.db, clock: clock, web: st.web}

	c := e.customer(t)
	if res := c.say("Hei, fødselsnummeret mitt er " + fnr + ". Hvor finner jeg fakturaen?"); strings.Contains(res.Answer, fnr) {
		t.Errorf("the answer the customer got holds the model's fødselsnummer: %q", res.Answer)
	}
	req, _ := http.NewRequest("POST", st.srv.URL+"/api/v1/conversations/"+c.id+"/messages", strings.NewReader(`{"text":"Og fakturaen for `+fnr+`?"}`))
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("streamed message: %d", resp.StatusCode)
	}
	c.say("Mannen min døde i går, fødselsnummeret hans var " + fnr)
	<-summarized
	must := func(resp *http.Response, body string) {
		t.Helper()
		if resp.StatusCode >= 300 {
			t.Fatalf("%s %s: %d %s", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, body)
		}
	}
	must(c.do("POST", "/api/v1/conversations/"+c.id+"/callback", `{"name":"Kari `+fnr+`","phone":"912 34 567","note":"fnr `+fnr+`"}`))
	must(c.do("POST", "/api/v1/conversations/"+c.id+"/csat", `{"score":2,"comment":"Jeg oppga `+fnr+`"}`))

	kari := e.login(t, "kari@example.no")
	must(kari.do("POST", "/api/v1/agent/conversations/"+c.id+"/claim", ""))
	must(kari.do("POST", "/api/v1/agent/conversations/"+c.id+"/messages", `{"text":"Jeg har notert `+fnr+`."}`))

	eva := e.login(t, "eva@example.no")
	b, _ := json.Marshal(map[string]string{"question": "Faktura for " + fnr})
	must(eva.do("POST", "/api/v1/editor/test", string(b)))

	model.mu.Lock()
	for _, s := range model.sent {
		if strings.Contains(s, fnr) {
			t.Errorf("sent to the model: %q", s)
		}
	}
	model.mu.Unlock()
	for _, s := range triager.seen {
		if strings.Contains(s, fnr) {
			t.Errorf("classified (and sent to the second opinion): %q", s)
		}
	}
	if len(model.sent) < 4 || len(triager.seen) < 4 {
		t.Fatalf("the test did not reach the model (%d) or the classifier (%d) through every path", len(model.sent), len(triager.seen))
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		raw, err := os.ReadFile(st.path + suffix)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if i := bytes.Index(raw, []byte(fnr)); i >= 0 {
			t.Errorf("los.db%s holds the fødselsnummer: …%q…", suffix, raw[max(0, i-60):i+len(fnr)])
		}
	}
	// The stored text kept its placeholder, so the reader knows.
	msgs, err := st.db.Messages(context.Background(), c.id)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	for _, m := range msgs {
		n += strings.Count(m.Text, "[fødselsnummer]")
	}
	if n < 5 {
		t.Errorf("%d placeholders in the transcript, want one per message that held the number", n)
	}
}
