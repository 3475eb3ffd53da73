package bot

import (
	"context"
	"slices"
	"time"

	"github.com/los-bot/los"
)

// repeated is the turn of a customer message sent again (the same
// TurnRequest.ClientID) whose reply is stored: that reply, in the shape of
// a fresh turn, and nothing stored. A handoff the stored reply announced
// is requested again if the conversation is still with the bot (the
// replica that answered may have died before requesting it; a handoff is
// never queued twice).
func (b *Bot) repeated(ctx context.Context, conv *los.Conversation, customer, reply *los.Message, start time.Time) los.Result {
	res := los.Result{
		Answer: reply.Text, Action: reply.Action, Category: reply.Category, Severity: reply.Category.Severity(),
		Citations: reply.Citations, Mode: reply.Mode, Lang: conv.Lang, MessageID: reply.ID, Repeated: true,
		Callback: slices.Contains(reply.Signals, los.SignalCallbackOffered),
	}
	if res.Citations == nil {
		res.Citations = []string{}
	}
	if customer != nil {
		res.Signals = slices.Clone(customer.Signals)
	}
	if reply.NoAnswer {
		res.Signals = append(res.Signals, "retrieval:no_answer")
	}
	if res.Action == los.ActionHandoffNow && conv.Status == los.StatusOpen && customer != nil {
		tri := los.Triage{Category: reply.Category, Severity: res.Severity, Action: reply.Action, Signals: customer.Signals}
		history, err := b.cfg.Store.Messages(ctx, conv.ID)
		if err == nil {
			err = b.handoff(ctx, conv, tri, history)
		}
		if err != nil {
			b.cfg.Log.ErrorContext(ctx, "handoff request failed", "conversation", conv.ID, "err", err)
		}
	}
	res.Timings.TotalMS = ms(time.Since(start))
	b.cfg.Log.InfoContext(ctx, "turn repeated", "conversation", conv.ID, "message_id", reply.ID, "action", res.Action)
	return res
}

// before is the part of history older than message id.
func before(history []los.Message, id int64) []los.Message {
	for i, m := range history {
		if m.ID >= id {
			return history[:i]
		}
	}
	return history
}
