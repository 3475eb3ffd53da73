package los

import "time"

// Callback is a customer's request to be phoned, left when no agent could
// take over. Agents work through them in their own list.
type Callback struct {
	ID             int64     `json:"id"`
	ConversationID string    `json:"conversation_id"`
	Name           string    `json:"name"`
	Phone          string    `json:"phone"`
	Note           string    `json:"note"`
	Status         string    `json:"status"` // open, done
	Created        time.Time `json:"created"`
	HandledBy      string    `json:"handled_by,omitempty"`
	Handled        time.Time `json:"handled,omitzero"`
}

// CSAT is a customer's satisfaction with a conversation: a score from 1
// (poor) to 5 (very good) and an optional comment.
type CSAT struct {
	ConversationID string    `json:"conversation_id"`
	Score          int       `json:"score"`
	Comment        string    `json:"comment"`
	Created        time.Time `json:"created"`
}

// AgentOutcomes are the outcomes an agent closes a conversation with.
var AgentOutcomes = []string{"resolved", "callback", "no_response", "other"}
