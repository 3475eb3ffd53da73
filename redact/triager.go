package redact

import (
	"context"

	"github.com/los-bot/los"
)

// Triager classifies text after redacting it, so nothing a classifier
// sends on (its second opinion goes to the chat model) carries an
// identifier, whoever asks: the bot, which redacts first anyway, or the
// editor's question tester, which did not.
type Triager struct {
	Next     los.Triager
	Redactor los.Redactor
}

// Classify classifies the redacted text.
func (t Triager) Classify(ctx context.Context, text string) los.Triage {
	return t.Next.Classify(ctx, t.Redactor.String(text))
}

var _ los.ContextTriager = Triager{}

// ClassifyInContext classifies the redacted text in its conversation,
// the earlier messages redacted too, when Next can read one; otherwise
// the text alone.
func (t Triager) ClassifyInContext(ctx context.Context, text string, earlier []string) los.Triage {
	ct, ok := t.Next.(los.ContextTriager)
	if !ok {
		return t.Classify(ctx, text)
	}
	red := make([]string, len(earlier))
	for i, e := range earlier {
		red[i] = t.Redactor.String(e)
	}
	return ct.ClassifyInContext(ctx, t.Redactor.String(text), red)
}
