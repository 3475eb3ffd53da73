package agent

import (
	"context"
	"sync"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/hours"
)

// presenceWindow is how long an agent counts as present after their last
// request, without a live inbox stream.
const presenceWindow = 5 * time.Minute

// Staffing knows whether anyone can take over a conversation: the opening
// hours, and the agents present in the inbox, which the desk records. It
// is the bot's bot.Staffing.
type Staffing struct {
	hours    *hours.Schedule
	presence *presence
	now      func() time.Time
}

// NewStaffing returns the staffing of a service open by sched (nil: the
// default week in Europe/Oslo) on clock now (nil: time.Now), with nobody
// present yet.
func NewStaffing(sched *hours.Schedule, now func() time.Time) (*Staffing, error) {
	if sched == nil {
		var err error
		if sched, err = hours.Default(); err != nil {
			return nil, err
		}
	}
	if now == nil {
		now = time.Now
	}
	return &Staffing{hours: sched, presence: newPresence(presenceWindow), now: now}, nil
}

// Availability says whether customer service is open and how many agents
// are present, for the bot to tell customers honestly.
func (s *Staffing) Availability(context.Context) los.Availability {
	now := s.now().In(s.hours.Location())
	a := los.Availability{Now: now, Open: s.hours.Open(now), Agents: s.presence.online(now)}
	if !a.Open {
		a.Next = s.hours.NextOpen(now)
	}
	return a
}

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
