package web

import (
	"context"
	"sync"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
)

// A change is something the inbox shows that changed.
type change struct {
	kind string // "queue", "conversation" or "callbacks"
	id   string // the conversation, for "conversation"
}

// hub tells every open inbox stream about changes. Each subscriber keeps
// a set of pending changes, so a slow stream coalesces them instead of
// blocking the writer or losing one.
type hub struct {
	mu   sync.Mutex
	subs map[*subscriber]struct{}
}

type subscriber struct {
	wake    chan struct{}
	mu      sync.Mutex
	pending map[change]struct{}
}

func newHub() *hub { return &hub{subs: map[*subscriber]struct{}{}} }

func (h *hub) subscribe() *subscriber {
	s := &subscriber{wake: make(chan struct{}, 1), pending: map[change]struct{}{}}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.subs[s] = struct{}{}
	return s
}

func (h *hub) unsubscribe(s *subscriber) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs, s)
}

// publish records changes with every subscriber and wakes them.
func (h *hub) publish(changes ...change) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		s.mu.Lock()
		for _, c := range changes {
			s.pending[c] = struct{}{}
		}
		s.mu.Unlock()
		select {
		case s.wake <- struct{}{}:
		default:
		}
	}
}

// take returns and clears the pending changes.
func (s *subscriber) take() []change {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]change, 0, len(s.pending))
	for c := range s.pending {
		out = append(out, c)
	}
	clear(s.pending)
	return out
}

// attach makes the bot ask the desk whether anyone can take over, and tell
// it about conversations the bot changes (a customer writing to a held
// conversation, a new handoff), so inboxes update without polling.
func (d *desk) attach(b *bot.Bot) {
	if b == nil {
		return
	}
	if b.Staffing == nil {
		b.Staffing = d
	}
	if b.Store != nil {
		b.Store = notifyingStore{Store: b.Store, hub: d.hub}
	}
	if b.Handoffs != nil {
		b.Handoffs = notifyingHandoffs{Handoffs: b.Handoffs, hub: d.hub}
	}
	if b.Summaries != nil {
		b.Summaries = notifyingSummaries{SummaryStore: b.Summaries, hub: d.hub}
	}
}

// notifyingSummaries refreshes open inboxes when the model's summary of a
// handoff arrives.
type notifyingSummaries struct {
	bot.SummaryStore
	hub *hub
}

func (n notifyingSummaries) SetHandoffSummary(ctx context.Context, id, summary string) error {
	err := n.SummaryStore.SetHandoffSummary(ctx, id, summary)
	if err == nil {
		n.hub.publish(change{kind: "queue"}, change{kind: "conversation", id: id})
	}
	return err
}

type notifyingStore struct {
	bot.Store
	hub *hub
}

func (n notifyingStore) AddTurn(ctx context.Context, customer, reply *los.Message) error {
	err := n.Store.AddTurn(ctx, customer, reply)
	if err == nil {
		n.hub.publish(change{kind: "conversation", id: customer.ConversationID})
	}
	return err
}

func (n notifyingStore) AddMessage(ctx context.Context, m *los.Message) error {
	err := n.Store.AddMessage(ctx, m)
	if err == nil {
		n.hub.publish(change{kind: "conversation", id: m.ConversationID})
	}
	return err
}

type notifyingHandoffs struct {
	bot.Handoffs
	hub *hub
}

func (n notifyingHandoffs) RequestHandoff(ctx context.Context, conv *los.Conversation, t los.Triage, transcript []los.Message) error {
	err := n.Handoffs.RequestHandoff(ctx, conv, t, transcript)
	if err == nil {
		n.hub.publish(change{kind: "queue"}, change{kind: "conversation", id: conv.ID})
	}
	return err
}
