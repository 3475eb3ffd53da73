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
