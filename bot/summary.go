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

// Handoff queues conv for the agents with the extractive summary at once,
// then, when a model is there, has it write a better summary in the
// background: the customer never waits for it.
func (b *Bot) Handoff(ctx context.Context, conv *los.Conversation, t los.Triage, transcript []los.Message) error {
	if b.Handoffs == nil {
		return nil
	}
	if err := b.Handoffs.RequestHandoff(ctx, conv, t, transcript); err != nil {
		return err
	}
	if b.Generator == nil || b.Summaries == nil {
		return nil
	}
	b.background.Add(1)
	go func() {
		defer b.background.Done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), summaryDeadline)
		defer cancel()
		summary, err := b.writeSummary(ctx, transcript, t)
		if err != nil {
			b.Log.DebugContext(ctx, "model summary unavailable; agents keep the extractive one", "conversation", conv.ID, "err", err)
			return
		}
		if err := b.Summaries.SetHandoffSummary(ctx, conv.ID, summary); err != nil {
			b.Log.WarnContext(ctx, "could not store the model's handoff summary", "conversation", conv.ID, "err", err)
		}
	}()
	return nil
}

// writeSummary asks the chat model for a short summary for the agent, and
// keeps what the code detected beside it: the model never decides that.
func (b *Bot) writeSummary(ctx context.Context, transcript []los.Message, t los.Triage) (string, error) {
	msgs, err := b.Prompter.SummaryPrompt(transcript)
	if err != nil {
		return "", err
	}
	var out strings.Builder
	err = b.Generator.Chat(ctx, &los.ChatRequest{Model: b.ChatModel, Messages: msgs,
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
	return "Sammendrag (KI): " + clip(text, 800) + "\n" + detected(t), nil
}

// Wait blocks until background work (model summaries) has finished. Call
// it before closing the store.
func (b *Bot) Wait() { b.background.Wait() }
