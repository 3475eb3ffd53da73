package agent

import (
	"context"
	"log/slog"
	"time"

	"github.com/los-bot/los"
)

// DefaultPresenceBeat is how often a replica writes its present agents
// for the others (a third of the window when that is shorter).
const DefaultPresenceBeat = 15 * time.Second

// presenceDebounce gathers the streams opening and closing together (an
// inbox reloaded, a shift starting) into one write.
const presenceDebounce = 200 * time.Millisecond

// PresenceStore is where replicas sharing one database keep the agents
// present on each: the store's agent_presence table.
type PresenceStore interface {
	// SetPresence replaces replica's present agents, and deletes every
	// replica's rows last seen before expired.
	SetPresence(ctx context.Context, replica string, agents []los.PresentAgent, expired time.Time) error
	// PresentElsewhere returns the IDs of the agents present on the other
	// replicas, seen after since, each once.
	PresentElsewhere(ctx context.Context, replica string, since time.Time) ([]int64, error)
}

// Sharing is how a Staffing shares presence with the other replicas.
type Sharing struct {
	Store   PresenceStore
	Replica string // this replica's ID, unique among those running
	// Beat is how often the agents present here are written
	// (DefaultPresenceBeat, or a third of the window when shorter, when 0).
	Beat time.Duration
	// Changed, when not nil, is called after a write caused by an agent
	// arriving or a stream opening or closing, for the inboxes of every
	// replica to show the new count.
	Changed func()
	Log     *slog.Logger // slog.Default() when nil
}

// Share makes s count the agents present on the other replicas too, and
// Run write this replica's. Call it before use.
func (s *Staffing) Share(sh Sharing) {
	if sh.Log == nil {
		sh.Log = slog.Default()
	}
	if sh.Beat <= 0 {
		sh.Beat = min(DefaultPresenceBeat, s.presence.window/3)
	}
	s.share = &sh
}

// Run writes the agents present here to the shared store until ctx ends:
// every beat, so they stay present for the others, and soon after an
// agent arrives or a stream opens or closes; at the end it deletes them.
// Without Share it returns at once. Rows of a replica that dies are not
// deleted but stop counting a window after their last write.
func (s *Staffing) Run(ctx context.Context) {
	if s.share == nil {
		return
	}
	beat := time.NewTicker(s.share.Beat)
	defer beat.Stop()
	s.write(ctx)
	var soon <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			end, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			now := s.now()
			if err := s.share.Store.SetPresence(end, s.share.Replica, nil, now.Add(-s.presence.window)); err != nil {
				s.share.Log.Warn("removing this replica's agents from the shared presence failed; they expire within the window", "err", err)
			}
			return
		case <-s.poke:
			if soon == nil {
				soon = time.After(presenceDebounce)
			}
		case <-soon:
			soon = nil
			if s.write(ctx) && s.share.Changed != nil {
				s.share.Changed()
			}
		case <-beat.C:
			s.write(ctx)
		}
	}
}

// write stores the agents present here now, and reports whether it did.
func (s *Staffing) write(ctx context.Context) bool {
	now := s.now()
	err := s.share.Store.SetPresence(ctx, s.share.Replica, s.presence.list(now), now.Add(-s.presence.window))
	if err != nil && ctx.Err() == nil {
		s.share.Log.Warn("writing the agents present here for the other replicas failed; trying again at the next beat", "err", err)
	}
	return err == nil
}
