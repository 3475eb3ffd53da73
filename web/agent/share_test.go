package agent

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/hours"
)

// fakePresence is the shared presence table in memory; every write of
// the replicas named is reported on their channel in writes.
type fakePresence struct {
	mu     sync.Mutex
	rows   map[string][]los.PresentAgent
	fail   error
	writes map[string]chan struct{}
}

func newFakePresence(replicas ...string) *fakePresence {
	f := &fakePresence{rows: map[string][]los.PresentAgent{}, writes: map[string]chan struct{}{}}
	for _, r := range replicas {
		f.writes[r] = make(chan struct{}, 16)
	}
	return f
}

func (f *fakePresence) SetPresence(_ context.Context, replica string, agents []los.PresentAgent, _ time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return f.fail
	}
	f.rows[replica] = slices.Clone(agents)
	if w := f.writes[replica]; w != nil {
		w <- struct{}{}
	}
	return nil
}

func (f *fakePresence) PresentElsewhere(_ context.Context, replica string, since time.Time) ([]int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return nil, f.fail
	}
	var ids []int64
	for r, agents := range f.rows {
		for _, a := range agents {
			if r != replica && a.LastSeen.After(since) && !slices.Contains(ids, a.UserID) {
				ids = append(ids, a.UserID)
			}
		}
	}
	return ids, nil
}

// clock is a test's time, moved by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func allWeek(t *testing.T, c *clock) *Staffing {
	t.Helper()
	w, err := hours.ParseWeek("mon-sun 00-24")
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewStaffing(hours.New(w, time.UTC), c.now)
	if err != nil {
		t.Fatal(err)
	}
	s.SetWindow(time.Minute)
	return s
}

func wantAgents(t *testing.T, s *Staffing, want int) {
	t.Helper()
	if got := s.Availability(context.Background()).Agents; got != want {
		t.Fatalf("agents present = %d, want %d", got, want)
	}
}

// TestPresenceAlone: one process counts as it always did: an agent with a
// stream open, then for the window after their last request.
func TestPresenceAlone(t *testing.T) {
	c := &clock{t: time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC)}
	s := allWeek(t, c)
	s.Run(context.Background()) // not shared: returns at once
	wantAgents(t, s, 0)
	release := s.connect(7, c.now())
	s.seen(8, c.now())
	wantAgents(t, s, 2)
	c.add(2 * time.Minute)
	wantAgents(t, s, 1) // 8 left; 7's stream is open
	release(c.now())
	c.add(59 * time.Second)
	wantAgents(t, s, 1)
	c.add(time.Second)
	wantAgents(t, s, 0)
}

// TestPresenceShared: an agent whose stream is open on replica B counts on
// A (once, though active on A too), until the window after the stream
// closed; a replica that stops removes its agents; a failing database
// leaves each replica its own count.
func TestPresenceShared(t *testing.T) {
	c := &clock{t: time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC)}
	db := newFakePresence("A", "B")
	a, b := allWeek(t, c), allWeek(t, c)
	changed := make(chan struct{}, 4)
	a.Share(Sharing{Store: db, Replica: "A", Beat: time.Hour, Log: slog.New(slog.DiscardHandler)})
	b.Share(Sharing{Store: db, Replica: "B", Beat: time.Hour, Changed: func() { changed <- struct{}{} }})
	if b.share.Log == nil {
		t.Fatal("no default logger")
	}
	d := allWeek(t, c)
	d.SetWindow(30 * time.Second)
	if d.Share(Sharing{Store: db}); d.share.Beat != 10*time.Second {
		t.Fatalf("beat with a 30 s window = %v, want a third of it", d.share.Beat)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ctxB, cancelB := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { a.Run(ctx) })
	wg.Go(func() { b.Run(ctxB) })
	defer func() { cancel(); wg.Wait() }()
	wrote := func(replica string) {
		t.Helper()
		select {
		case <-db.writes[replica]:
		case <-time.After(10 * time.Second):
			t.Fatalf("replica %s wrote nothing within 10 s", replica)
		}
	}
	wrote("A") // each writes at start
	wrote("B")

	release := b.connect(7, c.now())
	wrote("B")
	select {
	case <-changed:
	case <-time.After(10 * time.Second):
		t.Fatal("B's write after the stream opened did not tell the inboxes")
	}
	wantAgents(t, a, 1)
	a.seen(7, c.now())
	wantAgents(t, a, 1) // one agent on two replicas
	c.add(2 * time.Minute)
	wantAgents(t, a, 0) // 7's request on A is past the window; B wrote a while ago
	b.changed()         // B's heartbeat moves the stream's last_seen on
	wrote("B")
	wantAgents(t, a, 1)

	release(c.now())
	wrote("B")
	c.add(59 * time.Second)
	wantAgents(t, a, 1)
	wantAgents(t, b, 1)
	c.add(time.Second)
	wantAgents(t, a, 0)
	wantAgents(t, b, 0)

	b.connect(9, c.now())
	wrote("B")
	wantAgents(t, a, 1)
	cancelB() // B stops: its agents are removed at once
	wrote("B")
	wantAgents(t, a, 0)

	a.seen(5, c.now())
	db.mu.Lock()
	db.rows["C"] = []los.PresentAgent{{UserID: 6, LastSeen: c.now()}}
	db.fail = errors.New("connection refused")
	db.mu.Unlock()
	wantAgents(t, a, 1) // C's agent is unknown now; A's own still counts
}
