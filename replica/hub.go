package replica

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"sync"

	"github.com/los-bot/los/hub"
)

// HubChannel is the notification channel of the replicas' hubs.
const HubChannel = "los_hub"

// maxPayload keeps a notification under PostgreSQL's 8000-byte limit.
const maxPayload = 7000

// Notifier sends a notification to every replica.
type Notifier interface {
	Notify(ctx context.Context, channel, payload string) error
}

// Hub is a replica's hub, shared with the other replicas: what is
// published here reaches this replica's subscribers at once and the other
// replicas' through PostgreSQL's NOTIFY (Run sends, Listen receives).
// Subscribe and Unsubscribe are the local hub's.
type Hub struct {
	*hub.Hub
	origin string
	db     Notifier
	log    *slog.Logger

	mu      sync.Mutex
	pending map[hub.Change]struct{}
	wake    chan struct{}
}

// NewHub shares local with the replicas reached through db.
func NewHub(local *hub.Hub, db Notifier, log *slog.Logger) *Hub {
	b := make([]byte, 8)
	rand.Read(b)
	return &Hub{Hub: local, origin: hex.EncodeToString(b), db: db, log: log,
		pending: map[hub.Change]struct{}{}, wake: make(chan struct{}, 1)}
}

// Publish tells this replica's subscribers at once, and queues the
// changes for the others; it never blocks on the database.
func (h *Hub) Publish(changes ...hub.Change) {
	h.Hub.Publish(changes...)
	h.mu.Lock()
	for _, c := range changes {
		h.pending[c] = struct{}{}
	}
	h.mu.Unlock()
	select {
	case h.wake <- struct{}{}:
	default:
	}
}

// message is a notification's payload.
type message struct {
	Origin  string   `json:"o"`
	Changes []change `json:"c"`
}

type change struct {
	Kind hub.Kind `json:"k"`
	ID   string   `json:"i,omitempty"`
	Who  string   `json:"w,omitempty"`
}

// Run sends the queued changes until ctx ends; changes queued while a
// notification is on its way go together in the next one.
func (h *Hub) Run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-h.wake:
		}
		for _, payload := range h.take() {
			if err := h.db.Notify(ctx, HubChannel, payload); err != nil && ctx.Err() == nil {
				h.log.Warn("telling the other replicas of a change failed; their inboxes catch up at the next change", "err", err)
			}
		}
	}
}

// take empties the queue into payloads of at most maxPayload bytes.
func (h *Hub) take() []string {
	h.mu.Lock()
	cs := make([]change, 0, len(h.pending))
	for c := range h.pending {
		cs = append(cs, change{Kind: c.Kind, ID: c.ID, Who: c.Who})
	}
	clear(h.pending)
	h.mu.Unlock()
	var out []string
	for len(cs) > 0 {
		n := len(cs)
		for {
			b, _ := json.Marshal(message{Origin: h.origin, Changes: cs[:n]})
			if len(b) <= maxPayload || n == 1 {
				out = append(out, string(b))
				break
			}
			n /= 2
		}
		cs = cs[n:]
	}
	return out
}

// receive publishes to this replica's subscribers what another replica
// published.
func (h *Hub) receive(payload string) error {
	var m message
	if err := json.Unmarshal([]byte(payload), &m); err != nil {
		return err
	}
	if m.Origin == h.origin {
		return nil
	}
	changes := make([]hub.Change, len(m.Changes))
	for i, c := range m.Changes {
		changes[i] = hub.Change{Kind: c.Kind, ID: c.ID, Who: c.Who}
	}
	h.Hub.Publish(changes...)
	return nil
}

// missed tells this replica's subscribers that changes may have been
// missed (the listening connection was lost): inboxes read the queue and
// the call-back list again.
func (h *Hub) missed() {
	h.Hub.Publish(hub.QueueChanged(), hub.CallbacksChanged())
}
