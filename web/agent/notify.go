package agent

import (
	"context"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/hub"
)

// The bot's stores, wrapped so that what they write reaches open inboxes
// (a customer writing to a held conversation, a new handoff, the model's
// summary) without polling. cmd/los wraps the stores it gives the bot.

// Publisher tells open inboxes what changed.
type Publisher interface {
	Publish(changes ...hub.Change)
}

// NotifyTurns wraps the bot's conversation store.
func NotifyTurns(s bot.Store, h Publisher) bot.Store { return notifyingStore{Store: s, hub: h} }

// NotifyHandoffs wraps the bot's handoff store.
func NotifyHandoffs(s bot.Handoffs, h Publisher) bot.Handoffs {
	return notifyingHandoffs{Handoffs: s, hub: h}
}

// NotifySummaries wraps the store of the model's handoff summaries.
func NotifySummaries(s bot.SummaryStore, h Publisher) bot.SummaryStore {
	return notifyingSummaries{SummaryStore: s, hub: h}
}

type notifyingSummaries struct {
	bot.SummaryStore
	hub Publisher
}

func (n notifyingSummaries) SetHandoffSummary(ctx context.Context, id, summary string) error {
	err := n.SummaryStore.SetHandoffSummary(ctx, id, summary)
	if err == nil {
		n.hub.Publish(hub.QueueChanged(), hub.ConversationChanged(id))
	}
	return err
}

type notifyingStore struct {
	bot.Store
	hub Publisher
}

func (n notifyingStore) AddTurn(ctx context.Context, customer, reply *los.Message) error {
	err := n.Store.AddTurn(ctx, customer, reply)
	if err == nil {
		n.hub.Publish(hub.ConversationChanged(customer.ConversationID))
	}
	return err
}

func (n notifyingStore) AddMessage(ctx context.Context, m *los.Message) error {
	err := n.Store.AddMessage(ctx, m)
	if err == nil {
		n.hub.Publish(hub.ConversationChanged(m.ConversationID))
	}
	return err
}

type notifyingHandoffs struct {
	bot.Handoffs
	hub Publisher
}

func (n notifyingHandoffs) RequestHandoff(ctx context.Context, conv *los.Conversation, h *los.Handoff) error {
	err := n.Handoffs.RequestHandoff(ctx, conv, h)
	if err == nil {
		n.hub.Publish(hub.QueueChanged(), hub.ConversationChanged(conv.ID))
	}
	return err
}

func (n notifyingHandoffs) HandOver(ctx context.Context, conv *los.Conversation, reply *los.Message, h *los.Handoff) error {
	err := n.Handoffs.HandOver(ctx, conv, reply, h)
	if err == nil {
		n.hub.Publish(hub.QueueChanged(), hub.ConversationChanged(conv.ID))
	}
	return err
}
