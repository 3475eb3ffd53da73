package bot

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/los-bot/los"
)

// SummaryStore keeps the summary agents read for a handed-over
// conversation.
type SummaryStore interface {
	SetHandoffSummary(ctx context.Context, conversationID, summary string) error
}

// summaryDeadline bounds the model's summary of a handoff.
const summaryDeadline = 30 * time.Second

// handoff queues conv for the agents with the extractive summary at once,
// then has the model write a better one (see summarize).
func (b *Bot) handoff(ctx context.Context, conv *los.Conversation, t los.Triage, transcript []los.Message) error {
	if b.cfg.Handoffs == nil {
		return nil
	}
	if err := b.cfg.Handoffs.RequestHandoff(ctx, conv, NewHandoff(conv, t, transcript)); err != nil {
		return err
	}
	b.summarize(ctx, conv, t, transcript)
	return nil
}

// summarize has the model, when there is one, write a better summary of
// a handed-over conversation in the background: the customer never waits
// for it.
func (b *Bot) summarize(ctx context.Context, conv *los.Conversation, t los.Triage, transcript []los.Message) {
	if b.cfg.Generator == nil || b.cfg.Summaries == nil {
		return
	}
	b.background.Add(1)
	go func() {
		defer b.background.Done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), summaryDeadline)
		defer cancel()
		summary, err := b.writeSummary(ctx, transcript)
		if err != nil {
			b.cfg.Log.DebugContext(ctx, "model summary unavailable; agents keep the extractive one", "conversation", conv.ID, "err", err)
			return
		}
		if err := b.cfg.Summaries.SetHandoffSummary(ctx, conv.ID, summary); err != nil {
			b.cfg.Log.WarnContext(ctx, "could not store the model's handoff summary", "conversation", conv.ID, "err", err)
		}
	}()
}

// writeSummary asks the chat model for a short summary for the agent. It
// holds the model's words only: what the code detected is the handoff's
// category and signals, which the desk shows beside it, so the model
// never speaks for that.
func (b *Bot) writeSummary(ctx context.Context, transcript []los.Message) (string, error) {
	msgs, err := b.cfg.Prompter.SummaryPrompt(transcript)
	if err != nil {
		return "", err
	}
	var out strings.Builder
	err = b.cfg.Generator.Chat(ctx, &los.ChatRequest{Model: b.cfg.ChatModel, Messages: msgs,
		Options: map[string]any{"temperature": 0.2, "num_predict": 200}}, func(r los.ChatResponse) error {
		out.WriteString(r.Content)
		return nil
	})
	if err != nil {
		return "", err
	}
	text := strings.TrimSpace(out.String())
	if text == "" {
		return "", errors.New("empty summary")
	}
	return clip(text, 800), nil
}

// Wait blocks until background work (model summaries) has finished. Call
// it before closing the store.
func (b *Bot) Wait() { b.background.Wait() }
