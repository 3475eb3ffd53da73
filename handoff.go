package los

import "time"

// Handoff is a conversation handed to humans, as agents see it in the queue.
type Handoff struct {
	ID             int64    `json:"id"`
	ConversationID string   `json:"conversation_id"`
	Category       Category `json:"category"`
	Severity       Severity `json:"severity"`
	Reason         string   `json:"reason"`
	Signals        []string `json:"signals"`
	Summary        string   `json:"summary"`
	// SummaryByModel says that the chat model wrote Summary; otherwise it
	// is the extractive one made at the handoff.
	SummaryByModel bool      `json:"summary_by_model"`
	Status         string    `json:"status"` // waiting, claimed, closed
	Created        time.Time `json:"created"`
	ClaimedBy      string    `json:"claimed_by,omitempty"`
}

// Availability is the state of customer service at one moment.
type Availability struct {
	Now    time.Time // in the service's time zone
	Open   bool      // within opening hours
	Agents int       // agents present in the inbox
	Next   time.Time // the next opening when closed; zero when unknown
}

// Staffed reports whether someone can take over now.
func (a Availability) Staffed() bool { return a.Open && a.Agents > 0 }
