package agent

import (
	"context"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/hours"
)

// DefaultPresenceWindow is how long an agent counts as present after
// their last request, without a live inbox stream.
const DefaultPresenceWindow = 5 * time.Minute

// Staffing knows whether anyone can take over a conversation: the opening
// hours, and the agents present in the inbox, which the desk records. It
// is the bot's bot.Staffing. Shared (see Share), it also counts the agents
// present on the other replicas of one database.
type Staffing struct {
	hours    *hours.Schedule
	presence *presence
	now      func() time.Time
	share    *Sharing // nil: this process alone
	poke     chan struct{}
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
	return &Staffing{hours: sched, presence: newPresence(DefaultPresenceWindow), now: now,
		poke: make(chan struct{}, 1)}, nil
}

// SetWindow sets how long an agent counts as present after their last
// request (DefaultPresenceWindow when not positive). Call it before use.
func (s *Staffing) SetWindow(d time.Duration) {
	if d <= 0 {
		d = DefaultPresenceWindow
	}
	s.presence.window = d
}

// Availability says whether customer service is open and how many agents
// are present, for the bot to tell customers honestly.
func (s *Staffing) Availability(ctx context.Context) los.Availability {
	now := s.now().In(s.hours.Location())
	a := los.Availability{Now: now, Open: s.hours.Open(now), Agents: s.agents(ctx, now)}
	if !a.Open {
		a.Next = s.hours.NextOpen(now)
	}
	return a
}

// agents counts the agents present at now: here, and, when shared, on the
// other replicas, each agent once. Should the database fail, the agents
// here are still counted.
func (s *Staffing) agents(ctx context.Context, now time.Time) int {
	here := s.presence.list(now)
	if s.share == nil {
		return len(here)
	}
	there, err := s.share.Store.PresentElsewhere(ctx, s.share.Replica, now.Add(-s.presence.window))
	if err != nil {
		s.share.Log.Warn("reading the agents present on the other replicas failed; counting this replica's only", "err", err)
		return len(here)
	}
	ids := make(map[int64]struct{}, len(here)+len(there))
	for _, a := range here {
		ids[a.UserID] = struct{}{}
	}
	for _, id := range there {
		ids[id] = struct{}{}
	}
	return len(ids)
}

// seen records activity of agent id at now.
func (s *Staffing) seen(id int64, now time.Time) {
	if s.presence.seen(id, now) {
		s.changed()
	}
}

// connect records an open inbox stream of agent id; release records its
// end.
func (s *Staffing) connect(id int64, now time.Time) (release func(now time.Time)) {
	end := s.presence.connect(id, now)
	s.changed()
	return func(now time.Time) {
		end(now)
		s.changed()
	}
}

// changed asks Run to tell the other replicas soon.
func (s *Staffing) changed() {
	select {
	case s.poke <- struct{}{}:
	default:
	}
}
