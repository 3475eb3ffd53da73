// Package replica keeps one Los replica in step with the others that
// share its PostgreSQL database: its hub hears what the others publish
// (agent inboxes on any replica see every change), and its own search
// index follows the articles in the database (an article published on one
// replica is searchable on all). Both ride on PostgreSQL's LISTEN/NOTIFY
// (github.com/jackc/pgxlisten), with a periodic check of the
// knowledge-base revision as the safety net for a lost notification.
package replica

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgxlisten"
)

// DefaultCheck is how often the follower checks the revision when no
// notification came.
const DefaultCheck = 5 * time.Second

// Replica runs a replica's hub fan-out and index follower.
type Replica struct {
	DSN      string // the database, as for store.OpenPostgres
	Hub      *Hub
	Follower *Follower
	Check    time.Duration // DefaultCheck when 0
	Log      *slog.Logger
	// Followed, when not nil, hears of every check of the index that
	// re-indexed articles (tests wait for it).
	Followed func(articles int)

	once      sync.Once
	ready     chan struct{}
	poke      chan struct{}
	mu        sync.Mutex
	listening map[string]bool
}

// Ready is closed once the replica listens to the others (tests wait for
// it; serve does not need to).
func (r *Replica) Ready() <-chan struct{} {
	r.init()
	return r.ready
}

func (r *Replica) init() {
	r.once.Do(func() {
		r.ready = make(chan struct{})
		r.poke = make(chan struct{}, 1)
		r.listening = map[string]bool{}
	})
}

// Run works until ctx ends: it sends this replica's changes, listens to
// the others' (reconnecting after a second when the connection is lost,
// then catching up), and keeps the index in step.
func (r *Replica) Run(ctx context.Context) {
	r.init()
	var wg sync.WaitGroup
	wg.Go(func() { r.Hub.Run(ctx) })
	wg.Go(func() { r.follow(ctx) })
	l := &pgxlisten.Listener{
		Connect:        func(ctx context.Context) (*pgx.Conn, error) { return pgx.Connect(ctx, r.DSN) },
		ReconnectDelay: time.Second,
		LogError: func(ctx context.Context, err error) {
			if ctx.Err() == nil {
				r.Log.Warn("listening to the other replicas", "err", err)
			}
		},
	}
	l.Handle(HubChannel, hubHandler{r})
	l.Handle(KBChannel, kbHandler{r})
	l.Listen(ctx)
	wg.Wait()
}

// follow checks the index at every poke and every Check interval.
func (r *Replica) follow(ctx context.Context) {
	every := r.Check
	if every <= 0 {
		every = DefaultCheck
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.poke:
		case <-t.C:
		}
		n, err := r.Follower.Check(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			r.Log.Warn("updating the search index from the database failed; trying again at the next change or check", "err", err)
		case n > 0:
			r.Log.Info("search index follows the database", "articles", n, "revision", r.Follower.ix.Stamp())
			if r.Followed != nil {
				r.Followed(n)
			}
		}
	}
}

func (r *Replica) pokeFollower() {
	select {
	case r.poke <- struct{}{}:
	default:
	}
}

type hubHandler struct{ r *Replica }

func (h hubHandler) HandleNotification(_ context.Context, n *pgconn.Notification, _ *pgx.Conn) error {
	return h.r.Hub.receive(n.Payload)
}

// HandleBacklog runs when listening (again): what was published while
// nobody listened is lost, so inboxes read everything again.
func (h hubHandler) HandleBacklog(context.Context, string, *pgx.Conn) error {
	h.r.Hub.missed()
	h.r.listens(HubChannel)
	return nil
}

type kbHandler struct{ r *Replica }

func (k kbHandler) HandleNotification(context.Context, *pgconn.Notification, *pgx.Conn) error {
	k.r.pokeFollower()
	return nil
}

// HandleBacklog runs when listening (again): the index is checked at
// once.
func (k kbHandler) HandleBacklog(context.Context, string, *pgx.Conn) error {
	k.r.pokeFollower()
	k.r.listens(KBChannel)
	return nil
}

// listens records that channel is listened to; with both, the replica is
// ready.
func (r *Replica) listens(channel string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.listening[channel] = true
	if len(r.listening) == 2 {
		select {
		case <-r.ready:
		default:
			close(r.ready)
		}
	}
}
