package main

import (
	"context"
	"sync"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/los-bot/los/llm"
)

// ollamaProbe answers "is Ollama there, with our models?" for /readyz,
// caching the answer briefly so probes do not hammer the model server.
type ollamaProbe struct {
	client      *api.Client
	chat, embed string

	mu    sync.Mutex
	at    time.Time
	state string
	ok    bool
}

func newOllamaProbe(c *api.Client, chat, embed string) *ollamaProbe {
	return &ollamaProbe{client: c, chat: chat, embed: embed}
}

func (p *ollamaProbe) check(ctx context.Context) (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.at.IsZero() && time.Since(p.at) < 5*time.Second {
		return p.state, p.ok
	}
	st := llm.Check(ctx, p.client, p.chat, p.embed)
	p.state, p.ok, p.at = st.Message(), st.Ready(), time.Now()
	return p.state, p.ok
}
