package ollama

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"time"

	"github.com/los-bot/los"
)

// host is one server of a Pool. Fields below kick are guarded by the
// pool's mu.
type host struct {
	name string
	b    backend
	kick chan struct{} // wakes the host's health check to plan again

	state     los.HostState
	since     time.Time
	message   string
	chats     int // chats in flight
	embeds    int // embedding requests in flight
	requests  int64
	failures  map[string]int64
	streak    int // failures in a row since the last good request
	nextCheck time.Time
}

// waiter is a chat waiting for a free host.
type waiter struct {
	grant   chan *host // receives the host, already counted as busy
	exclude *host      // a host that just failed this chat
}

// errBusy is the error of a chat that found no free host.
func errBusy(why string) error {
	return &los.Error{Code: los.EUNAVAILABLE, Message: "every Ollama host is busy: " + why}
}

// acquire returns a free host other than exclude, counted as busy with one
// more chat, waiting in the queue when every host is busy. With exclude
// set and no other host to try, it fails at once.
func (p *Pool) acquire(ctx context.Context, exclude *host) (*host, error) {
	p.mu.Lock()
	h, full := p.pick(exclude, true)
	switch {
	case h != nil:
		h.chats++
		h.requests++
		p.unlock()
		return h, nil
	case !full:
		p.unlock()
		return nil, errBusy("no other host to try")
	case len(p.waiting) >= p.cfg.Queue:
		n := len(p.waiting)
		p.unlock()
		return nil, errBusy(fmt.Sprintf("%d chats already wait for one", n))
	}
	w := &waiter{grant: make(chan *host, 1), exclude: exclude}
	p.waiting = append(p.waiting, w)
	p.unlock()

	timer := time.NewTimer(p.cfg.QueueWait)
	defer timer.Stop()
	select {
	case h := <-w.grant:
		return h, nil
	case <-timer.C:
	case <-ctx.Done():
	}
	p.mu.Lock()
	defer p.unlock()
	if i := slices.Index(p.waiting, w); i >= 0 {
		p.waiting = slices.Delete(p.waiting, i, i+1)
	} else {
		return <-w.grant, nil // granted as the wait ended: the chat may as well run
	}
	if ctx.Err() != nil {
		return nil, context.Cause(ctx)
	}
	return nil, errBusy(fmt.Sprintf("none was free within %v", p.cfg.QueueWait))
}

// pick returns the host to use next, other than exclude: among the hosts
// in service, or among all when none is, the one with the fewest requests
// in flight (when none is in service, the one that failed fewest times in
// a row first). limit applies Concurrency; full reports that a host would
// do but has no room. The caller holds mu.
func (p *Pool) pick(exclude *host, limit bool) (best *host, full bool) {
	inService := false
	for _, h := range p.hosts {
		inService = inService || (h != exclude && h.state.InService())
	}
	n := len(p.hosts)
	at := 0
	for i := range n {
		j := (p.next + i) % n
		h := p.hosts[j]
		if h == exclude || (inService && !h.state.InService()) {
			continue
		}
		if limit && h.chats >= p.cfg.Concurrency {
			full = true
			continue
		}
		if best == nil || better(h, best, inService) {
			best, at = h, j
		}
	}
	if best != nil {
		p.next = (at + 1) % n
	}
	return best, full
}

func better(a, b *host, inService bool) bool {
	if !inService && a.streak != b.streak {
		return a.streak < b.streak
	}
	return a.chats+a.embeds < b.chats+b.embeds
}

// dispatch hands hosts that have room to the chats waiting, oldest first.
// The caller holds mu.
func (p *Pool) dispatch() {
	kept := p.waiting[:0]
	for _, w := range p.waiting {
		if h, _ := p.pick(w.exclude, true); h != nil {
			h.chats++
			h.requests++
			w.grant <- h
			continue
		}
		kept = append(kept, w)
	}
	clear(p.waiting[len(kept):])
	p.waiting = kept
}

// release ends a request on h (a chat, or an embedding) with its outcome.
func (p *Pool) release(h *host, chat bool, out outcome) {
	p.mu.Lock()
	defer p.unlock()
	if chat {
		h.chats--
	} else {
		h.embeds--
	}
	switch {
	case out.ok:
		h.streak = 0
		if !h.state.InService() {
			h.nextCheck = time.Time{} // check at once, for the version and the models
			p.wake(h)
		}
		if h.state != los.HostUp {
			p.setState(h, los.HostUp, "ok: Ollama answers at "+h.name)
		}
	case out.fault:
		h.failures[out.reason]++
		p.fail(h, out.reason, out.err)
	}
	p.dispatch()
}

// fail takes h out of service after a failed request. The caller holds
// mu.
func (p *Pool) fail(h *host, reason string, err error) {
	state := los.HostDown
	if reason == reasonModel {
		state = los.HostNoModel
	}
	wait := p.takeOut(h)
	p.setState(h, state, fmt.Sprintf("degraded: Ollama at %s failed (%s): %v; checking again in %v", h.name, reason, err, wait))
}

// takeOut counts a failure of h in a row and plans its next check after
// the backoff, which it returns. The caller holds mu.
func (p *Pool) takeOut(h *host) time.Duration {
	h.streak++
	wait := p.backoff(h.streak)
	h.nextCheck = time.Now().Add(wait)
	p.wake(h)
	return wait
}

// backoff is the wait before checking a host that failed streak times in
// a row.
func (p *Pool) backoff(streak int) time.Duration {
	d := p.cfg.RetryMin
	for i := 1; i < streak && d < p.cfg.RetryMax; i++ {
		d *= 2
	}
	return min(d, p.cfg.RetryMax)
}

// setState records h's state and message. A change is logged (not the
// first, which whoever started the pool reports) and reported to OnChange
// once mu is released. The caller holds mu.
func (p *Pool) setState(h *host, s los.HostState, msg string) {
	h.message = msg
	if h.state == s {
		return
	}
	switch {
	case h.state == los.HostUnknown:
	case s == los.HostUp:
		p.logs = append(p.logs, func(l *slog.Logger) { l.Info("Ollama host back in service", "host", h.name) })
	default:
		p.logs = append(p.logs, func(l *slog.Logger) {
			l.Warn("Ollama host out of service", "host", h.name, "state", s, "why", msg)
		})
	}
	h.state, h.since = s, time.Now()
	p.changed = append(p.changed, p.view(h))
}

// wake makes h's health check plan again. The caller holds mu.
func (p *Pool) wake(h *host) {
	select {
	case h.kick <- struct{}{}:
	default:
	}
}

// view is h as the domain sees it. The caller holds mu.
func (p *Pool) view(h *host) los.ModelHost {
	v := los.ModelHost{URL: h.name, State: h.state, Message: h.message, InFlight: h.chats + h.embeds,
		Limit: p.cfg.Concurrency, Requests: h.requests, Failures: maps.Clone(h.failures), Since: h.since}
	if !h.state.InService() {
		v.NextCheck = h.nextCheck
	}
	return v
}

// unlock releases mu, then reports the state changes and logs the lines
// gathered while it was held.
func (p *Pool) unlock() {
	changed, logs := p.changed, p.logs
	p.changed, p.logs = nil, nil
	p.mu.Unlock()
	for _, f := range logs {
		f(p.cfg.Log)
	}
	if p.cfg.OnChange != nil {
		for _, v := range changed {
			p.cfg.OnChange(v)
		}
	}
}
