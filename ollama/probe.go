package ollama

import (
	"context"
	"sync"
	"time"
)

// Probe answers "is Ollama there, with our models?" for /readyz,
// caching the answer briefly so probes do not hammer the model server.
type Probe struct {
	client      *Client
	chat, embed string

	mu    sync.Mutex
	at    time.Time
	state string
	ok    bool
}

// NewProbe returns a probe of c's server for the chat model chat and the
// embedding model embed ("": none).
func NewProbe(c *Client, chat, embed string) *Probe {
	return &Probe{client: c, chat: chat, embed: embed}
}

// Check returns the server's state in a line for operators, and whether
// Los can generate with it.
func (p *Probe) Check(ctx context.Context) (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.at.IsZero() && time.Since(p.at) < 5*time.Second {
		return p.state, p.ok
	}
	st := p.client.Check(ctx, p.chat, p.embed)
	p.state, p.ok, p.at = st.Message(), st.Ready(), time.Now()
	return p.state, p.ok
}
