package agent

import (
	"cmp"
	"slices"
	"sync"
	"time"

	"github.com/los-bot/los"
)

// presence knows which agents are there on this replica: those with a
// live inbox stream, or active within the window.
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

// seen records activity of agent id at now, and reports whether the agent
// was not present before.
func (p *presence) seen(id int64, now time.Time) (arrived bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	a := p.get(id)
	arrived = a.streams == 0 && now.Sub(a.last) >= p.window
	a.last = now
	return arrived
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

// list returns the agents present at now, by ID, and forgets those long
// gone. An agent with a stream open was last seen now.
func (p *presence) list(now time.Time) []los.PresentAgent {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []los.PresentAgent
	for id, a := range p.agents {
		switch {
		case a.streams > 0:
			out = append(out, los.PresentAgent{UserID: id, LastSeen: now, Streams: a.streams})
		case now.Sub(a.last) < p.window:
			out = append(out, los.PresentAgent{UserID: id, LastSeen: a.last})
		default:
			delete(p.agents, id)
		}
	}
	slices.SortFunc(out, func(a, b los.PresentAgent) int { return cmp.Compare(a.UserID, b.UserID) })
	return out
}
