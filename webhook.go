package los

import (
	"encoding/json"
	"time"
)

// Event types in the outbox: what integrators may hear about by webhook.
const (
	EventMessageCreated    = "message.created"
	EventFeedbackReceived  = "feedback.received"
	EventArticlePublished  = "article.published"
	EventHandoffRequested  = "handoff.requested"
	EventHandoffClaimed    = "handoff.claimed"
	EventHandoffReturned   = "handoff.returned"
	EventConversationClose = "conversation.closed"
	EventCallbackRequested = "callback.requested"
)

// Event is one entry in the outbox: something integrators may want to
// hear about (by webhook), written in the same transaction as the change.
type Event struct {
	ID             int64           `json:"id"`
	Type           string          `json:"type"`
	ConversationID string          `json:"conversation_id,omitempty"`
	Data           json.RawMessage `json:"data"`
	Created        time.Time       `json:"created"`
}

// Webhook is a subscription: Los posts the events it names to URL, signed
// with Secret.
type Webhook struct {
	ID      int64     `json:"id"`
	URL     string    `json:"url"`
	Events  []string  `json:"events"`
	Secret  string    `json:"secret,omitempty"`
	Active  bool      `json:"active"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// Delivery states.
const (
	DeliveryPending   = "pending"
	DeliveryDelivered = "delivered"
	DeliveryFailed    = "failed" // given up
)

// Delivery is one event on its way to one webhook.
type Delivery struct {
	ID          int64           `json:"id"`
	WebhookID   int64           `json:"webhook_id"`
	EventID     int64           `json:"event_id"`
	EventType   string          `json:"event_type"`
	Body        json.RawMessage `json:"body"`
	Status      string          `json:"status"`
	Attempts    int             `json:"attempts"`
	NextAttempt *time.Time      `json:"next_attempt"`
	LastStatus  int             `json:"last_status"`
	LastError   string          `json:"last_error"`
	Created     time.Time       `json:"created"`
	Updated     time.Time       `json:"updated"`
	// URL and Secret are the webhook's, for the worker.
	URL    string `json:"-"`
	Secret string `json:"-"`
}
