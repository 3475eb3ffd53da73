package ollama

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/los-bot/los"
)

// Pool spreads chats and embeddings over several Ollama servers (hosts):
// each chat goes to the host in service with the fewest requests in
// flight, at most Concurrency chats per host; when every host is busy a
// chat waits briefly in a bounded queue, and past the bound it fails with
// a *los.Error of code EUNAVAILABLE (the bot then answers extractively). A
// host that fails is taken out of service and checked again after a
// growing wait; a chat whose host fails before the first token is retried
// once on another host. When no host is in service, every host is tried
// anyway, so that a pool of one host behaves like a plain Client. A Pool
// is a los.Chatter.
type Pool struct {
	cfg      PoolConfig
	hosts    []*host
	refused  atomic.Int64
	retries  atomic.Int64
	stop     context.CancelFunc
	watchers sync.WaitGroup

	mu      sync.Mutex
	waiting []*waiter
	next    int                  // where the next pick starts, so that ties take turns
	changed []los.ModelHost      // state changes to report once mu is released
	logs    []func(*slog.Logger) // lines to log once mu is released
}

var _ los.Chatter = (*Pool)(nil)

// PoolConfig tunes a Pool. Zero durations and a zero Concurrency take
// the defaults.
type PoolConfig struct {
	// ChatModel and EmbedModel ("": none) are what a health check looks
	// for: a host without them is out of service.
	ChatModel, EmbedModel string
	// Concurrency is how many chats a host runs at once (default 4).
	Concurrency int
	// Queue is how many chats may wait for a free host (0: none waits).
	Queue int
	// QueueWait is how long a chat waits for a free host (default 2s).
	QueueWait time.Duration
	// CheckEvery is how often hosts in service are checked (default 5s).
	CheckEvery time.Duration
	// RetryMin and RetryMax bound the wait before a host out of service is
	// checked again: RetryMin after the first failure, doubling with each
	// failure in a row, at most RetryMax (defaults 1s and 30s).
	RetryMin, RetryMax time.Duration
	Log                *slog.Logger
	// OnChange, when set, hears every change of a host's state, outside
	// the pool's lock.
	OnChange func(los.ModelHost)
}

func (c *PoolConfig) defaults() {
	if c.Concurrency <= 0 {
		c.Concurrency = 4
	}
	if c.QueueWait <= 0 {
		c.QueueWait = 2 * time.Second
	}
	if c.CheckEvery <= 0 {
		c.CheckEvery = 5 * time.Second
	}
	if c.RetryMin <= 0 {
		c.RetryMin = time.Second
	}
	if c.RetryMax < c.RetryMin {
		c.RetryMax = max(30*time.Second, c.RetryMin)
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
}

// backend is one Ollama server as the pool uses it: a *Client, or a fake in
// tests.
type backend interface {
	Chat(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error
	embed(ctx context.Context, req *api.EmbedRequest) (*api.EmbedResponse, error)
	Check(ctx context.Context, chatModel, embedModel string) Status
}

// NewPool returns a pool of the Ollama servers at hosts (OLLAMA_HOST's
// list). Call Start to check them in the background; without it, hosts
// are taken out by failed requests and back in by good ones.
func NewPool(hosts []string, cfg PoolConfig) (*Pool, error) {
	if len(hosts) == 0 {
		return nil, errors.New("OLLAMA_HOST: no Ollama host")
	}
	backends := make([]backend, len(hosts))
	names := make([]string, len(hosts))
	for i, h := range hosts {
		c, err := New(h)
		if err != nil {
			return nil, fmt.Errorf("OLLAMA_HOST %q: %w", h, err)
		}
		backends[i], names[i] = c, c.URL()
	}
	return newPool(backends, names, cfg), nil
}

func newPool(backends []backend, names []string, cfg PoolConfig) *Pool {
	cfg.defaults()
	p := &Pool{cfg: cfg}
	now := time.Now()
	for i, b := range backends {
		p.hosts = append(p.hosts, &host{
			name: names[i], b: b, kick: make(chan struct{}, 1),
			state: los.HostUnknown, since: now, message: "degraded: Ollama not checked",
			failures: map[string]int64{},
		})
	}
	return p
}

// Chat sends req to a host in service with the fewest requests in flight
// (see Pool). A host that fails before the first piece of the answer
// reached fn is taken out, and the chat is tried once more on another
// host; a failure after that is returned as it came (a stream broken off
// returns nil without a response with Done, as from a Client).
func (p *Pool) Chat(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error {
	h, err := p.acquire(ctx, nil)
	if err != nil {
		if los.ErrorCode(err) == los.EUNAVAILABLE {
			p.refused.Add(1)
		}
		return err
	}
	retry, err := p.chatOn(ctx, h, req, fn)
	if !retry {
		return err
	}
	next, aerr := p.acquire(ctx, h)
	if aerr != nil {
		return err // the host's failure says more than the wait for another
	}
	p.retries.Add(1)
	_, err = p.chatOn(ctx, next, req, fn)
	return err
}

// chatOn runs one chat on h, releases h with the outcome and reports
// whether the chat may be retried on another host.
func (p *Pool) chatOn(ctx context.Context, h *host, req *los.ChatRequest, fn los.ChatFunc) (retry bool, err error) {
	var delivered, done bool
	var fnErr error
	err = h.b.Chat(ctx, req, func(r los.ChatResponse) error {
		delivered = delivered || r.Content != "" || r.Done
		done = done || r.Done
		if err := fn(r); err != nil {
			fnErr = err
			return err
		}
		return nil
	})
	out := chatOutcome(ctx, err, done, fnErr)
	p.release(h, true, out)
	return out.fault && !delivered && ctx.Err() == nil, err
}

// embed asks a host in service for embeddings, and another once when that
// host fails. Embeddings do not count against Concurrency and never wait:
// they are short, and a query's embedding that fails only leaves its
// search to keywords.
func (p *Pool) embed(ctx context.Context, req *api.EmbedRequest) (*api.EmbedResponse, error) {
	var tried *host
	var first error
	for range 2 {
		p.mu.Lock()
		h, _ := p.pick(tried, false)
		if h != nil {
			h.embeds++
			h.requests++
		}
		p.unlock()
		if h == nil {
			break
		}
		resp, err := h.b.embed(ctx, req)
		out := embedOutcome(ctx, err)
		p.release(h, false, out)
		if !out.fault || ctx.Err() != nil {
			return resp, err
		}
		if first == nil {
			first = err
		}
		tried = h
	}
	return nil, first
}

// Hosts returns the state of every host, in the configured order.
func (p *Pool) Hosts() []los.ModelHost { return p.Snapshot().Hosts }

// Snapshot returns the state of every host and of the queue.
func (p *Pool) Snapshot() los.ModelHosts {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := los.ModelHosts{Waiting: len(p.waiting), Refused: p.refused.Load(), Retries: p.retries.Load()}
	for _, h := range p.hosts {
		out.Hosts = append(out.Hosts, p.view(h))
	}
	return out
}

// Ready is /readyz's line on Ollama: the host's own line when there is
// one host, otherwise how many hosts are up and what is wrong with the
// first that is not. It is ok when every host is up. It asks no host: the
// health checks keep the states fresh.
func (p *Pool) Ready(context.Context) (string, bool) {
	hosts := p.Hosts()
	if len(hosts) == 1 {
		return hosts[0].Message, hosts[0].State == los.HostUp
	}
	up := 0
	var bad *los.ModelHost
	for i, h := range hosts {
		if h.State == los.HostUp {
			up++
		} else if bad == nil {
			bad = &hosts[i]
		}
	}
	if bad == nil {
		return fmt.Sprintf("ok: %d of %d Ollama hosts up", up, len(hosts)), true
	}
	return fmt.Sprintf("degraded: %d of %d Ollama hosts up; %s is %s: %s", up, len(hosts), bad.URL, bad.State, bad.Message), false
}
