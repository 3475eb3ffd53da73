package los

import "context"

// Retriever finds knowledge-base passages for a question.
type Retriever interface {
	// Retrieve returns passages for question, preferring the written
	// standard l.
	Retrieve(ctx context.Context, question string, l Standard, limit int) ([]Source, error)
}

// Triager classifies one message.
type Triager interface {
	Classify(ctx context.Context, text string) Triage
}

// ContextTriager is a Triager that can also read a message in its
// conversation; earlier are the customer's earlier messages, oldest first.
// The bot uses it when the conversation has earlier messages.
type ContextTriager interface {
	Triager
	ClassifyInContext(ctx context.Context, text string, earlier []string) Triage
}

// Redactor removes personal identifiers from text before it is stored,
// logged or sent to a model.
type Redactor interface {
	String(text string) string
}

// Texts returns customer-facing text in a written standard.
type Texts interface {
	T(l Standard, key string, args ...any) string
}
