package auth

import (
	"context"
	"sync"
	"time"
)

// Throttle counts failures per key (a client IP, an e-mail address) and
// refuses a key that failed Max times within Window. A key is forgotten
// once its window has passed.
type Throttle struct {
	Max    int
	Window time.Duration
	Now    func() time.Time
	// Shared, when set, keeps the counts where every replica of Los
	// counts (the database), so that the limit holds whichever replica a
	// sign-in reaches. When it fails, this replica's own counts decide.
	Shared SharedFailures

	mu   sync.Mutex
	keys map[string]*failures
}

// SharedFailures keeps failed sign-ins per key for several replicas.
type SharedFailures interface {
	// LoginFailures returns how often key failed since its window began
	// (first), counting only a window that began after since.
	LoginFailures(ctx context.Context, key string, since time.Time) (n int, first time.Time, err error)
	// AddLoginFailure counts a failure of key at now; a window that began
	// before since starts again.
	AddLoginFailure(ctx context.Context, key string, now, since time.Time) error
	// ForgiveLoginFailure takes back one counted failure of key.
	ForgiveLoginFailure(ctx context.Context, key string) error
	// ResetLoginFailures forgets key's failures.
	ResetLoginFailures(ctx context.Context, key string) error
}

// sharedTimeout bounds a call to the shared counts.
const sharedTimeout = 2 * time.Second

func sharedCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), sharedTimeout)
}

type failures struct {
	n     int
	first time.Time
}

// NewThrottle returns a throttle allowing max failures per window.
func NewThrottle(max int, window time.Duration, now func() time.Time) *Throttle {
	if now == nil {
		now = time.Now
	}
	return &Throttle{Max: max, Window: window, Now: now, keys: map[string]*failures{}}
}

// Allow reports whether key may try again, and if not, when it may.
func (t *Throttle) Allow(key string) (bool, time.Duration) {
	if t.Shared != nil {
		ctx, cancel := sharedCtx()
		defer cancel()
		now := t.Now()
		n, first, err := t.Shared.LoginFailures(ctx, key, now.Add(-t.Window))
		if err == nil {
			if n < t.Max {
				return true, 0
			}
			return false, first.Add(t.Window).Sub(now)
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.Now()
	f := t.current(key, now)
	if f == nil || f.n < t.Max {
		return true, 0
	}
	return false, f.first.Add(t.Window).Sub(now)
}

// Fail records a failure of key.
func (t *Throttle) Fail(key string) {
	if t.Shared != nil {
		ctx, cancel := sharedCtx()
		now := t.Now()
		t.Shared.AddLoginFailure(ctx, key, now, now.Add(-t.Window))
		cancel()
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.Now()
	f := t.current(key, now)
	if f == nil {
		f = &failures{first: now}
		t.keys[key] = f
	}
	f.n++
	if len(t.keys) > 10000 {
		t.prune(now)
	}
}

// Take counts an attempt of key as a failure before it is checked, and
// reports whether key may try at all; if not, nothing is counted and the
// wait says when it may. Counting first closes the race in which many
// simultaneous attempts all pass Allow before any of them has failed.
// Forgive the attempt when it succeeds.
func (t *Throttle) Take(key string) (bool, time.Duration) {
	if t.Shared != nil {
		ctx, cancel := sharedCtx()
		defer cancel()
		now := t.Now()
		n, first, err := t.Shared.LoginFailures(ctx, key, now.Add(-t.Window))
		if err == nil {
			if n >= t.Max {
				return false, first.Add(t.Window).Sub(now)
			}
			if err := t.Shared.AddLoginFailure(ctx, key, now, now.Add(-t.Window)); err == nil {
				return true, 0
			}
		}
		// The shared counts failed: this replica's own decide.
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.Now()
	f := t.current(key, now)
	if f != nil && f.n >= t.Max {
		return false, f.first.Add(t.Window).Sub(now)
	}
	if f == nil {
		f = &failures{first: now}
		t.keys[key] = f
	}
	f.n++
	if len(t.keys) > 10000 {
		t.prune(now)
	}
	return true, 0
}

// Forgive takes back one counted attempt of key: it succeeded.
func (t *Throttle) Forgive(key string) {
	if t.Shared != nil {
		ctx, cancel := sharedCtx()
		t.Shared.ForgiveLoginFailure(ctx, key)
		cancel()
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if f := t.current(key, t.Now()); f != nil {
		if f.n--; f.n <= 0 {
			delete(t.keys, key)
		}
	}
}

// Reset forgets key's failures, after a success.
func (t *Throttle) Reset(key string) {
	if t.Shared != nil {
		ctx, cancel := sharedCtx()
		t.Shared.ResetLoginFailures(ctx, key)
		cancel()
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.keys, key)
}

func (t *Throttle) current(key string, now time.Time) *failures {
	f := t.keys[key]
	if f != nil && now.Sub(f.first) >= t.Window {
		delete(t.keys, key)
		return nil
	}
	return f
}

func (t *Throttle) prune(now time.Time) {
	for k, f := range t.keys {
		if now.Sub(f.first) >= t.Window {
			delete(t.keys, k)
		}
	}
}
