package ollama

import (
	"context"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/los-bot/los"
)

// changes records OnChange.
type changes struct {
	mu  sync.Mutex
	got []string
}

func (c *changes) add(h los.ModelHost) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.got = append(c.got, h.URL+":"+string(h.State))
}

func (c *changes) list() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.got...)
}

// offsets returns the times of h's checks since start.
func offsets(h *fakeHost, start time.Time) []time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []time.Duration
	for _, at := range h.checks {
		out = append(out, at.Sub(start))
	}
	return out
}

// TestPoolHealthChecks: a host down at start is checked again after 1s,
// then 2s, 4s, 8s (RetryMin doubling, at most RetryMax), and is back in
// service at the first check that finds it well; a host in service is
// checked every CheckEvery; a failed request moves a host's next check to
// its backoff instead.
func TestPoolHealthChecks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		aUp := false
		a := &fakeHost{status: func() Status {
			mu.Lock()
			defer mu.Unlock()
			if aUp {
				return healthy
			}
			return unreachableStatus
		}}
		b := &fakeHost{}
		ch := &changes{}
		p := fakePool(PoolConfig{ChatModel: "tiny", CheckEvery: 5 * time.Second, RetryMin: time.Second, RetryMax: 6 * time.Second, OnChange: ch.add}, a, b)
		start := time.Now()
		ctx, cancel := context.WithCancel(context.Background())
		p.Start(ctx)
		if s := p.Hosts(); s[0].State != los.HostDown || s[1].State != los.HostUp {
			t.Fatalf("after Start: a %s, b %s; want down and up", s[0].State, s[1].State)
		}
		if next := stateOf(p, 0).NextCheck.Sub(start); next != time.Second {
			t.Errorf("a's next check in %v, want 1s", next)
		}

		time.Sleep(9500 * time.Millisecond)
		synctest.Wait()
		want := []time.Duration{0, time.Second, 3 * time.Second, 7 * time.Second} // then 13s: at most 6s apart
		if got := offsets(a, start); !slices.Equal(got, want) {
			t.Errorf("a checked at %v, want %v", got, want)
		}
		if got := offsets(b, start); !slices.Equal(got, []time.Duration{0, 5 * time.Second}) {
			t.Errorf("b checked at %v, want every 5s", got)
		}

		mu.Lock()
		aUp = true
		mu.Unlock()
		time.Sleep(4 * time.Second) // to 13.5s
		synctest.Wait()
		if h := stateOf(p, 0); h.State != los.HostUp || h.Message != `ok: Ollama 0.6.5 with model "tiny"` {
			t.Errorf("a after it came back: %s %q", h.State, h.Message)
		}

		// A failed request on b plans its check at the backoff (1s), not at
		// its regular 15s.
		b.set(func(f *fakeHost) { f.chat = func(context.Context, los.ChatFunc) error { return refused() } })
		p.mu.Lock()
		p.hosts[0].state = los.HostDown // keep the chat on b
		p.unlock()
		collect(context.Background(), p)
		failedAt := time.Since(start)
		time.Sleep(1500 * time.Millisecond)
		synctest.Wait()
		if got := offsets(b, start); len(got) != 4 || got[3] != failedAt+time.Second {
			t.Errorf("b checked at %v, want a check 1s after the failure at %v", got, failedAt)
		}
		if h := stateOf(p, 1); h.State != los.HostUp {
			t.Errorf("b is %s after a good check", h.State)
		}

		cancel()
		p.Close()
		// b's failed chat was retried on a, which answered: a is up again.
		wantChanges := []string{"a:down", "b:up", "a:up", "b:down", "a:up", "b:up"}
		got := ch.list()
		if len(got) != len(wantChanges) || !samePrefixSet(got[:2], wantChanges[:2]) || !slices.Equal(got[2:], wantChanges[2:]) {
			t.Errorf("changes %v, want %v", got, wantChanges)
		}
	})
}

// samePrefixSet reports whether a and b hold the same strings in any
// order (the first checks run at once).
func samePrefixSet(a, b []string) bool {
	seen := map[string]int{}
	for _, s := range a {
		seen[s]++
	}
	for _, s := range b {
		seen[s]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

// TestPoolEmbedFailsOver: an embedding request whose host fails goes to
// the other host once; embeddings do not wait for chat slots.
func TestPoolEmbedFailsOver(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a := &fakeHost{embedF: func(context.Context) error { return refused() }}
		started, release := make(chan struct{}, 1), make(chan struct{})
		b := &fakeHost{chat: hold(started, release)}
		p := fakePool(PoolConfig{Concurrency: 1}, a, b)
		p.mu.Lock()
		p.next = 1 // the chat goes to b
		p.unlock()
		go collect(context.Background(), p)
		<-started

		vecs, err := p.Embedder("tiny").Embed(context.Background(), []string{"faktura", "adresse"})
		if err != nil || len(vecs) != 2 {
			t.Fatalf("%d vectors, %v; want 2 from host b, whose chat slot is taken", len(vecs), err)
		}
		if _, _, embeds, _ := a.count(); embeds != 1 {
			t.Errorf("host a got %d embedding requests, want 1", embeds)
		}
		if h := stateOf(p, 0); h.State != los.HostDown || h.Failures[reasonUnreachable] != 1 {
			t.Errorf("host a: %s %v, want down after failing", h.State, h.Failures)
		}
		close(release)
	})
}
