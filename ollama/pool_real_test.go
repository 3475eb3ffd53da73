package ollama

import (
	"context"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/internal/ollamatest"
)

// TestPoolHostDownAtStart: with real servers, a host that is down when
// the pool starts gets no chats; once it starts, a health check finds it
// and it takes chats again. The chats in between go to the other host.
// Embeddings fail over the same way.
func TestPoolHostDownAtStart(t *testing.T) {
	a := ollamatest.Start(t)
	b := ollamatest.Start(t)
	b.Stop()
	backIn := make(chan los.ModelHost, 8)
	p, err := NewPool([]string{a.URL.String(), b.URL.String()}, PoolConfig{
		ChatModel: a.Model, RetryMin: 20 * time.Millisecond, RetryMax: 200 * time.Millisecond, CheckEvery: time.Minute,
		OnChange: func(h los.ModelHost) {
			if h.URL == b.URL.String() && h.State == los.HostUp {
				backIn <- h
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	p.Start(ctx)
	defer p.Close()
	if hs := p.Hosts(); hs[0].State != los.HostUp || hs[1].State != los.HostDown || hs[1].NextCheck.IsZero() {
		t.Fatalf("after Start: %+v; want a up, b down with its next check", hs)
	}
	chat := func() string {
		t.Helper()
		var got string
		err := p.Chat(ctx, &los.ChatRequest{Model: a.Model, Stream: true, Options: map[string]any{"num_predict": 4, "seed": 1, "temperature": 0},
			Messages: []los.ChatMessage{{Role: los.ChatUser, Content: "Hei"}}}, func(r los.ChatResponse) error {
			if r.Done {
				got += "+done"
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	for range 3 {
		if got := chat(); got != "+done" {
			t.Fatalf("chat ended %q", got)
		}
	}
	if _, err := p.Embedder(a.Model).Embed(ctx, []string{"faktura"}); err != nil {
		t.Fatalf("embedding with b down: %v", err)
	}
	if hs := p.Hosts(); hs[0].Requests != 4 || hs[1].Requests != 0 {
		t.Fatalf("requests %d and %d, want all 4 on a while b is down", hs[0].Requests, hs[1].Requests)
	}

	b.Restart(t)
	select {
	case <-backIn:
	case <-time.After(30 * time.Second):
		t.Fatalf("b not back in service 30s after it started: %+v", p.Hosts()[1])
	}
	for range 4 {
		chat()
	}
	if hs := p.Hosts(); hs[1].Requests != 2 || hs[0].Requests != 6 {
		t.Errorf("requests %d and %d after b came back; want the 4 chats shared, 2 each", hs[0].Requests, hs[1].Requests)
	}
}

// TestPoolHostKilledMidStream: with real servers, the host streaming a
// chat is killed (SIGKILL, as a crash) after its first token. The chat
// ends without its done (the bot then falls back to the knowledge base,
// never showing half an answer as whole); it is not retried elsewhere,
// since tokens already reached the caller. The killed host is taken out
// of service and the next chats go to the other host and finish.
func TestPoolHostKilledMidStream(t *testing.T) {
	a := ollamatest.Start(t)
	b := ollamatest.Start(t)
	servers := map[string]*ollamatest.Server{a.URL.String(): a, b.URL.String(): b}
	p, err := NewPool([]string{a.URL.String(), b.URL.String()}, PoolConfig{
		ChatModel: a.Model, RetryMin: time.Minute, RetryMax: time.Minute, CheckEvery: time.Minute,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	p.Start(ctx)
	defer p.Close()
	request := func(n int) *los.ChatRequest {
		return &los.ChatRequest{Model: a.Model, Stream: true, Options: map[string]any{"num_predict": n, "seed": 1, "temperature": 0},
			Messages: []los.ChatMessage{{Role: los.ChatUser, Content: "Hei"}}}
	}

	var killed string
	var pieces int
	done := false
	err = p.Chat(ctx, request(4096), func(r los.ChatResponse) error {
		if r.Done {
			done = true
		}
		if r.Content != "" {
			pieces++
		}
		if killed == "" && r.Content != "" {
			for _, h := range p.Hosts() {
				if h.InFlight == 1 {
					killed = h.URL
				}
			}
			if killed == "" {
				t.Fatalf("a token came but no host has a chat in flight: %+v", p.Hosts())
			}
			servers[killed].Kill()
		}
		return nil
	})
	if killed == "" {
		t.Fatalf("no token came before the chat ended (err %v)", err)
	}
	if done {
		t.Fatalf("the chat on the killed host %s came to its done", killed)
	}
	t.Logf("killed %s after its first token; the chat ended after %d pieces with %v", killed, pieces, err)

	var other string
	for _, h := range p.Hosts() {
		switch h.URL {
		case killed:
			if h.State != los.HostDown {
				t.Errorf("killed host %s is %v, want down", h.URL, h.State)
			}
		default:
			other = h.URL
		}
	}
	before := requestsOf(p, other)
	for range 3 {
		ended := false
		if err := p.Chat(ctx, request(4), func(r los.ChatResponse) error {
			ended = ended || r.Done
			return nil
		}); err != nil || !ended {
			t.Fatalf("chat after the kill: err %v, done %v", err, ended)
		}
	}
	if got := requestsOf(p, other) - before; got != 3 {
		t.Errorf("%d of 3 chats after the kill went to %s, want all", got, other)
	}
}

func requestsOf(p *Pool, url string) int64 {
	for _, h := range p.Hosts() {
		if h.URL == url {
			return h.Requests
		}
	}
	return -1
}
