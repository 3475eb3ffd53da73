package bot

import (
	"context"

	"github.com/los-bot/los"
)

// Store keeps conversations and messages.
type Store interface {
	CreateConversation(ctx context.Context, c *los.Conversation) error
	Conversation(ctx context.Context, id string) (*los.Conversation, error)
	SetConversationLang(ctx context.Context, id string, l los.Standard) error
	// AddTurn stores the customer's message and the reply in one
	// transaction, so a turn is never half-written. A customer message
	// whose ClientID is stored already is not stored again; the reply
	// takes its ClientID and is stored only if the stored message has no
	// reply yet; otherwise reply becomes the stored one (Repeat set).
	AddTurn(ctx context.Context, customer, reply *los.Message) error
	// AddMessage stores one message, for example a customer's message in
	// a conversation an agent holds; like AddTurn, once per ClientID.
	AddMessage(ctx context.Context, m *los.Message) error
	// ClientTurn returns the customer message with the client's ID and
	// the bot's reply to it, each nil when not stored.
	ClientTurn(ctx context.Context, conversationID, clientID string) (customer, reply *los.Message, err error)
	Messages(ctx context.Context, conversationID string) ([]los.Message, error)
}

// Prompter renders the prompt for a question and its numbered sources.
type Prompter interface {
	Prompt(l los.Standard, question string, sources []los.Source, history []los.Message) ([]los.ChatMessage, error)
	// SummaryPrompt asks for a summary of a conversation for an agent.
	SummaryPrompt(transcript []los.Message) ([]los.ChatMessage, error)
}

// Staffing says whether people are there to take over a conversation.
type Staffing interface {
	Availability(ctx context.Context) los.Availability
}
