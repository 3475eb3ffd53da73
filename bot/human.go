package bot

import (
	"context"

	"github.com/los-bot/los"
)

// SignalHumanButton marks a handoff the customer asked for with the "talk
// to a person" button.
const SignalHumanButton = "button:human_request"

// RequestHuman hands conv to the agents because the customer asked for a
// person (the "Snakk med et menneske" button). The reply telling the
// customer so, in written standard l, and the handoff are stored in one
// transaction; the model's summary follows in the background. The store
// refuses a closed conversation.
func (b *Bot) RequestHuman(ctx context.Context, conv *los.Conversation, l los.Standard) (los.Result, error) {
	t := los.Triage{Category: los.CategoryHumanRequest, Severity: los.CategoryHumanRequest.Severity(),
		Action: los.ActionHandoffNow, Signals: []string{SignalHumanButton}}
	if text := b.alreadyHandedOver(conv, l); text != "" {
		return los.Result{Answer: text, Action: t.Action, Category: t.Category, Severity: t.Severity,
			Citations: []string{}, Mode: los.ModeExtractive, Lang: l, Signals: t.Signals}, nil
	}
	history, err := b.cfg.Store.Messages(ctx, conv.ID)
	if err != nil {
		return los.Result{}, err
	}
	text, callback := b.HandoffText(ctx, l, t)
	reply := &los.Message{ConversationID: conv.ID, Role: los.RoleBot, Text: text, Created: b.cfg.Now(),
		Mode: los.ModeExtractive, Action: t.Action, Category: t.Category}
	if callback {
		reply.Signals = []string{los.SignalCallbackOffered}
	}
	transcript := append(history, *reply)
	if b.cfg.Handoffs == nil {
		err = b.cfg.Store.AddMessage(ctx, reply)
	} else {
		err = b.cfg.Handoffs.HandOver(ctx, conv, reply, NewHandoff(conv, t, transcript))
	}
	if err != nil {
		return los.Result{}, err
	}
	b.summarize(ctx, conv, t, transcript)
	if b.cfg.Observer != nil {
		b.cfg.Observer.Handoff(t.Category)
	}
	b.cfg.Log.InfoContext(ctx, "handoff requested by the customer", "conversation", conv.ID, "lang", l)
	return los.Result{Answer: reply.Text, Action: t.Action, Category: t.Category, Severity: t.Severity,
		Citations: []string{}, Mode: reply.Mode, Lang: l, Signals: t.Signals, MessageID: reply.ID, Callback: callback}, nil
}

// alreadyHandedOver is the short reply to a customer who asks for a person
// while one is already on the way or has the conversation (the button
// twice, or "snakke med et menneske" while waiting), instead of the whole
// handoff text again; "" when the conversation (nil: a new one) has not
// been handed over.
// Nothing is stored and nothing is queued twice.
func (b *Bot) alreadyHandedOver(conv *los.Conversation, l los.Standard) string {
	if conv == nil {
		return ""
	}
	switch conv.Status {
	case los.StatusWaiting:
		return b.cfg.Texts.T(l, "handoff.already_waiting")
	case los.StatusAgent:
		return b.cfg.Texts.T(l, "handoff.already_agent")
	}
	return ""
}
