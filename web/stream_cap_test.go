package web_test

import (
	"bufio"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/web"
)

// TestInboxStreamsPerAgentAreCapped: one agent may hold MaxInboxStreams
// live inboxes; the next is refused with 429 while another agent's still
// opens (the audit opened 1,000 with no cap).
func TestInboxStreamsPerAgentAreCapped(t *testing.T) {
	e := newDeskEnv(t)
	kari, ola := e.login(t, "kari@example.no"), e.login(t, "ola@example.no")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	open := func(b *browser) int {
		req, _ := http.NewRequestWithContext(ctx, "GET", b.base+"/api/v1/agent/queue/stream", nil)
		resp, err := b.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode == http.StatusOK {
			// The stream is open once its first event arrives.
			if _, err := bufio.NewReader(resp.Body).ReadString('\n'); err != nil {
				t.Fatal(err)
			}
		} else {
			resp.Body.Close()
		}
		return resp.StatusCode
	}
	for i := range web.MaxInboxStreams {
		if got := open(kari); got != http.StatusOK {
			t.Fatalf("inbox stream %d: %d", i+1, got)
		}
	}
	if got := open(kari); got != http.StatusTooManyRequests {
		t.Errorf("inbox stream %d of one agent: %d, want 429", web.MaxInboxStreams+1, got)
	}
	if got := open(ola); got != http.StatusOK {
		t.Errorf("another agent's inbox: %d, want 200", got)
	}
}

// stalledModel holds every answer until released.
type stalledModel struct {
	started chan struct{}
	release chan struct{}
}

func (m stalledModel) Chat(ctx context.Context, _ *los.ChatRequest, fn los.ChatFunc) error {
	m.started <- struct{}{}
	select {
	case <-m.release:
	case <-ctx.Done():
		return ctx.Err()
	}
	if err := fn(los.ChatResponse{Content: "Svar [1]"}); err != nil {
		return err
	}
	return fn(los.ChatResponse{Done: true})
}

// TestTurnStreamsPerConversationAreCapped: a conversation may wait for
// MaxTurnStreams streamed answers at once; a stalled model cannot make it
// hold more.
func TestTurnStreamsPerConversationAreCapped(t *testing.T) {
	model := stalledModel{started: make(chan struct{}, 8), release: make(chan struct{})}
	st := newTestStack(t, stackOptions{noIndex: true, bot: func(c *bot.Config) {
		c.Retriever, c.Generator, c.Generation, c.FirstToken = oneSource{}, model, 0, 0
	}})
	e := &deskEnv{srv: st.srv, db: st.db, web: st.web}
	c := e.customer(t)
	stream := func() (*http.Response, error) {
		req, _ := http.NewRequest("POST", st.srv.URL+"/api/v1/conversations/"+c.id+"/messages", strings.NewReader(`{"text":"Hvor er fakturaen?"}`))
		req.Header.Set("Authorization", "Bearer "+c.token)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "text/event-stream")
		return http.DefaultClient.Do(req)
	}
	var open []*http.Response
	for range web.MaxTurnStreams {
		resp, err := stream()
		if err != nil {
			t.Fatal(err)
		}
		open = append(open, resp)
		<-model.started
	}
	resp, err := stream()
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("streamed answer %d of one conversation: %d, want 429", web.MaxTurnStreams+1, resp.StatusCode)
	}
	close(model.release)
	for _, r := range open {
		r.Body.Close()
	}
}
