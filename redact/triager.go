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
