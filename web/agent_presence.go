package web

import (
	"sync"
	"time"
)

// presence knows which agents are there: those with a live inbox stream,
// or active within the window.
type presence struct {
	window time.Duration

	mu     sync.Mutex
	agents map[int64]*present
}

type present struct {
	streams int
	last    time.Time
}

func newPresence(window time.Duration) *presence {
	return &presence{window: window, agents: map[int64]*present{}}
}

func (p *presence) get(id int64) *present {
	a := p.agents[id]
	if a == nil {
		a = &present{}
		p.agents[id] = a
	}
	return a
}

// seen records activity of agent id at now.
func (p *presence) seen(id int64, now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.get(id).last = now
}

// connect records an open inbox stream of agent id; release records its
// end.
func (p *presence) connect(id int64, now time.Time) (release func(now time.Time)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	a := p.get(id)
	a.streams++
	a.last = now
	var once sync.Once
	return func(now time.Time) {
		once.Do(func() {
			p.mu.Lock()
			defer p.mu.Unlock()
			a.streams--
			a.last = now
		})
	}
}

// online counts the agents present at now, and forgets those long gone.
func (p *presence) online(now time.Time) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for id, a := range p.agents {
		switch {
		case a.streams > 0 || now.Sub(a.last) < p.window:
			n++
		default:
			delete(p.agents, id)
		}
	}
	return n
}
