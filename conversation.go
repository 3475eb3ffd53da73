package los

import (
	"time"
)

// Role says who wrote a message.
type Role string

// The roles.
const (
	RoleCustomer Role = "customer"
	RoleBot      Role = "bot"
	RoleAgent    Role = "agent"
	RoleSystem   Role = "system"
)

// Mode says how a bot answer was made.
type Mode string

// The modes.
const (
	// ModeGenerated answers were written by the chat model from the sources.
	ModeGenerated Mode = "generated"
	// ModeExtractive answers quote the knowledge base (or a fixed text)
	// without the model: when Ollama is away, slow or failing, and for
	// handoff and "no answer" replies.
	ModeExtractive Mode = "extractive"
)

// Status is where a conversation stands.
type Status string

// The statuses.
const (
	StatusOpen    Status = "open"    // the bot answers
	StatusWaiting Status = "waiting" // handed over, waiting for an agent
	StatusAgent   Status = "agent"   // an agent holds it; the bot is silent
	StatusClosed  Status = "closed"
)

// Conversation is one chat between a customer and Los.
type Conversation struct {
	ID        string
	TokenHash []byte // SHA-256 of the bearer token; the token itself is never stored
	Lang      Standard
	Status    Status
	Created   time.Time
	Updated   time.Time
	// Previous is the conversation the same browser had just before this
	// one, within seven days (the customer came back); "" for none. Set
	// when the conversation is created.
	Previous string
	// Page is the address of the page the chat was opened on (without
	// query or fragment) and PageTitle its title, as the widget said.
	Page, PageTitle string
	// Visitor is a hash of the random ID the customer's browser keeps, so
	// agents see the earlier conversations from the same browser; "" when
	// unknown.
	Visitor string
	// KeyID is the API key that started the conversation, which alone
	// may act on it for the customer; 0: the customer's own token.
	KeyID int64
}

// Message is one message in a conversation. Text is stored after redaction.
type Message struct {
	ID             int64
	ConversationID string
	Role           Role
	Text           string
	Created        time.Time
	// AuthorName is the display name of the agent who wrote an agent
	// message, as the customer saw it; "" when the agent had none.
	AuthorName string

	// Set on bot messages.
	Mode      Mode
	Action    Action
	Category  Category
	Citations []string
	NoAnswer  bool
	Rating    int // -1 unhelpful, 0 unrated, +1 helpful
	// FirstTokenMS is how long the model took to send its first token,
	// for generated answers; 0 otherwise.
	FirstTokenMS float64

	// ClientID is the client's ID of a customer message (TurnRequest), also
	// carried by the bot's reply to it, so a repeat finds both; "" when
	// the client gave none.
	ClientID string
	// Repeat is set by the store when it did not store the message because
	// one with the same ClientID was stored already: the message then
	// holds the stored one.
	Repeat bool

	// Set on customer messages: the triage decision about them. On bot
	// messages: SignalCallbackOffered when the reply offered a call-back.
	Signals []string
}

// SignalCallbackOffered marks a bot message that offered the customer a
// call-back because nobody could take over, so the chat can show the
// call-back form again after a reload.
const SignalCallbackOffered = "staffing:callback_offered"

// Source is a knowledge-base passage the bot used, for citations and links.
type Source struct {
	Slug    string   `json:"slug"`
	Title   string   `json:"title"`
	Heading string   `json:"heading,omitempty"`
	Anchor  string   `json:"anchor,omitempty"`
	Lang    Standard `json:"lang,omitempty"`
	Text    string   `json:"-"`
	// Quote is the part of Text that answers the question, which an
	// extractive answer quotes; empty: quote Text.
	Quote string  `json:"-"`
	Score float64 `json:"score"`
	// Relevant is the retriever's judgement that the passage is about the
	// question (a measured threshold), not merely the best of a bad lot.
	Relevant bool `json:"-"`
}
