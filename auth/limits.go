package auth

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// HashMemory is what one argon2id hash or verification holds while it
// runs (the m parameter: 19 MiB).
const HashMemory = argonMemory * 1024

// HashSlots is how many password hashes may run at once within a memory
// budget of budget bytes: at least one.
func HashSlots(budget int64) int {
	return int(max(1, budget/HashMemory))
}

// slots bounds concurrent password hashing. A sign-in waits for a slot at
// most maxWait; the attempts that would wait longer are refused, so a
// flood of sign-ins costs goroutines, never 19 MiB each.
type slots struct {
	ch      chan struct{}
	maxWait time.Duration
}

func newSlots(n int, maxWait time.Duration) *slots {
	return &slots{ch: make(chan struct{}, max(1, n)), maxWait: maxWait}
}

// acquire takes a slot, or reports false when none came free in time.
func (s *slots) acquire(ctx context.Context) bool {
	select {
	case s.ch <- struct{}{}:
		return true
	default:
	}
	t := time.NewTimer(s.maxWait)
	defer t.Stop()
	select {
	case s.ch <- struct{}{}:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	return false
}

func (s *slots) release() { <-s.ch }

// Rate bounds sign-in attempts per key (a client address), right or
// wrong, with a token bucket: Burst at once, then one every Every.
// Unlike Throttle, which locks a key out after failures, it only spaces
// attempts out.
type Rate struct {
	Every time.Duration
	Burst int
	Now   func() time.Time

	mu   sync.Mutex
	keys map[string]*rate.Limiter
}

// NewRate returns a limiter allowing burst attempts at once and one
// every every after that, per key.
func NewRate(every time.Duration, burst int, now func() time.Time) *Rate {
	if now == nil {
		now = time.Now
	}
	return &Rate{Every: every, Burst: burst, Now: now, keys: map[string]*rate.Limiter{}}
}

// Allow takes one attempt of key from its bucket, or reports how long
// until the next.
func (r *Rate) Allow(key string) (bool, time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.Now()
	l := r.keys[key]
	if l == nil {
		if len(r.keys) >= 10000 {
			r.prune(now)
		}
		l = rate.NewLimiter(rate.Every(r.Every), r.Burst)
		r.keys[key] = l
	}
	res := l.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return false, d
	}
	return true, 0
}

// prune forgets keys whose bucket is full again: they are as new.
func (r *Rate) prune(now time.Time) {
	for k, l := range r.keys {
		if l.TokensAt(now) >= float64(r.Burst) {
			delete(r.keys, k)
		}
	}
}
