package bot

import (
	"context"

	"github.com/ollama/ollama/api"

	"github.com/los-bot/los/lang"
)

// Retriever finds knowledge-base passages for a question.
type Retriever interface {
	// Retrieve returns passages for question, preferring the written
	// standard l.
	Retrieve(ctx context.Context, question string, l lang.Standard, limit int) ([]Source, error)
}

// Generator streams a chat completion. *api.Client from the Ollama module
// fits it unchanged.
type Generator interface {
	Chat(ctx context.Context, req *api.ChatRequest, fn api.ChatResponseFunc) error
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

// Store keeps conversations and messages.
type Store interface {
	CreateConversation(ctx context.Context, c *Conversation) error
	Conversation(ctx context.Context, id string) (*Conversation, error)
	SetConversationLang(ctx context.Context, id string, l lang.Standard) error
	// AddTurn stores the customer's message and the reply in one
	// transaction, so a turn is never half-written.
	AddTurn(ctx context.Context, customer, reply *Message) error
	// AddMessage stores one message, for example a customer's message in
	// a conversation an agent holds.
	AddMessage(ctx context.Context, m *Message) error
	Messages(ctx context.Context, conversationID string) ([]Message, error)
}

// Prompter renders the prompt for a question and its numbered sources.
type Prompter interface {
	Prompt(l lang.Standard, question string, sources []Source, history []Message) ([]api.Message, error)
	// SummaryPrompt asks for a summary of a conversation for an agent.
	SummaryPrompt(transcript []Message) ([]api.Message, error)
}

// Texts returns customer-facing text in a written standard.
type Texts interface {
	T(l lang.Standard, key string, args ...any) string
}
