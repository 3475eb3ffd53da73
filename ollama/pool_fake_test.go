package ollama

import (
	"context"
	"errors"
	"net/url"
	"sync"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/los-bot/los"
)

// fakeHost is a backend built from function fields; nil fields answer
// well. It counts what it is asked and the most chats it ran at once.
type fakeHost struct {
	chat   func(ctx context.Context, fn los.ChatFunc) error
	embedF func(ctx context.Context) error
	status func() Status

	mu      sync.Mutex
	chats   int
	running int
	most    int
	embeds  int
	checks  []time.Time
}

var _ backend = (*fakeHost)(nil)

func (f *fakeHost) Chat(ctx context.Context, _ *los.ChatRequest, fn los.ChatFunc) error {
	f.mu.Lock()
	f.chats++
	f.running++
	f.most = max(f.most, f.running)
	chat := f.chat
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.running--
		f.mu.Unlock()
	}()
	if chat == nil {
		return answer(fn)
	}
	return chat(ctx, fn)
}

func (f *fakeHost) embed(ctx context.Context, req *api.EmbedRequest) (*api.EmbedResponse, error) {
	f.mu.Lock()
	f.embeds++
	embed := f.embedF
	f.mu.Unlock()
	if embed != nil {
		if err := embed(ctx); err != nil {
			return nil, err
		}
	}
	out := &api.EmbedResponse{}
	texts, _ := req.Input.([]string)
	for range texts {
		out.Embeddings = append(out.Embeddings, []float32{1, 0})
	}
	return out, nil
}

func (f *fakeHost) Check(context.Context, string, string) Status {
	f.mu.Lock()
	f.checks = append(f.checks, time.Now())
	status := f.status
	f.mu.Unlock()
	if status == nil {
		return healthy
	}
	return status()
}

func (f *fakeHost) set(fn func(*fakeHost)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(f)
}

func (f *fakeHost) count() (chats, most, embeds, checks int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.chats, f.most, f.embeds, len(f.checks)
}

var (
	healthy = Status{Reachable: true, Version: "0.6.5",
		Chat: ModelState{Name: "tiny", Configured: true, Present: true}}
	noModel = Status{Reachable: true, Version: "0.6.5",
		Chat: ModelState{Name: "tiny", Configured: true}}
	unreachableStatus = Status{Err: unreachable(refused())}
)

// answer streams a short answer and done.
func answer(fn los.ChatFunc) error {
	if err := fn(los.ChatResponse{Content: "Hei"}); err != nil {
		return err
	}
	return fn(los.ChatResponse{Done: true})
}

// refused is the error of a request to a host nothing listens on.
func refused() error {
	return &url.Error{Op: "Post", URL: "http://127.0.0.1:1/api/chat", Err: errors.New("dial tcp 127.0.0.1:1: connect: connection refused")}
}

// hold returns a chat function that says it started on started and waits
// for release (then answers) or for its context.
func hold(started chan<- struct{}, release <-chan struct{}) func(context.Context, los.ChatFunc) error {
	return func(ctx context.Context, fn los.ChatFunc) error {
		started <- struct{}{}
		select {
		case <-release:
			return answer(fn)
		case <-ctx.Done():
			return nil // as the Ollama client does: the stream just stops
		}
	}
}

// fakePool is a pool over fakes named a, b, c...
func fakePool(cfg PoolConfig, hosts ...*fakeHost) *Pool {
	backends := make([]backend, len(hosts))
	names := make([]string, len(hosts))
	for i, h := range hosts {
		backends[i], names[i] = h, string(rune('a'+i))
	}
	return newPool(backends, names, cfg)
}

// collect runs a chat and returns its pieces and error.
func collect(ctx context.Context, p *Pool) ([]los.ChatResponse, error) {
	var got []los.ChatResponse
	err := p.Chat(ctx, &los.ChatRequest{Model: "tiny", Stream: true}, func(r los.ChatResponse) error {
		got = append(got, r)
		return nil
	})
	return got, err
}

// stateOf returns the state of host i.
func stateOf(p *Pool, i int) los.ModelHost { return p.Hosts()[i] }
