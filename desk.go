package los

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// QueueItem is a handed-over conversation as the agents' queue lists it:
// the handoff, with what tells two alike apart at a glance.
type QueueItem struct {
	Handoff
	Lang Standard `json:"lang"`
	// FirstWords is the start of the customer's first message, as stored
	// (identifiers redacted).
	FirstWords string `json:"first_words"`
	// ClaimedName is the display name of the agent holding it, if any.
	ClaimedName string `json:"claimed_name,omitempty"`
	// CustomerMessages counts the customer's messages, so a desk can tell
	// when the customer wrote again.
	CustomerMessages int `json:"customer_messages"`
	// Page is the page the chat was opened on.
	Page string `json:"page,omitempty"`
}

// ConversationQuery is what agents search handed-over conversations by.
// Zero fields do not filter.
type ConversationQuery struct {
	Text     string   // in any message or internal note, ignoring case
	Category Category // of any of its handoffs
	Status   Status
	Agent    string    // e-mail of an agent who held it
	From, To time.Time // started in [From, To)
	Limit    int       // at most; 0: 50
}

// ConversationSummary is one conversation in a search result or in a
// customer's earlier conversations.
type ConversationSummary struct {
	ID       string    `json:"id"`
	Lang     Standard  `json:"lang"`
	Status   Status    `json:"status"`
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
	Category Category  `json:"category,omitempty"` // of its latest handoff
	// HandedOver says whether it ever reached the agents.
	HandedOver  bool   `json:"handed_over"`
	ClaimedBy   string `json:"claimed_by,omitempty"`
	ClaimedName string `json:"claimed_name,omitempty"`
	FirstWords  string `json:"first_words"`
}

// Note is an agent's internal note on a conversation: agents read it, the
// customer never does (not in the transcript, its export or webhooks).
type Note struct {
	ID             int64     `json:"id"`
	ConversationID string    `json:"conversation_id"`
	Author         string    `json:"author"`
	AuthorName     string    `json:"author_name,omitempty"`
	Text           string    `json:"text"`
	Created        time.Time `json:"created"`
}

// CannedResponse is a reply agents insert instead of typing it, written
// by administrators per written standard. Its body may hold placeholders
// ({kunde}, {agent}; see the desk).
type CannedResponse struct {
	ID      int64     `json:"id"`
	Lang    Standard  `json:"lang"`
	Title   string    `json:"title"` // what agents type after "/"
	Body    string    `json:"body"`
	Updated time.Time `json:"updated"`
}

// Limits of a canned response.
const (
	MaxCannedTitleRunes = 60
	MaxCannedBodyRunes  = MaxQuestionRunes
)

// Validate trims c's title and body and checks them and its standard.
func (c *CannedResponse) Validate() error {
	c.Title = strings.Join(strings.Fields(c.Title), " ")
	c.Body = strings.TrimSpace(c.Body)
	switch {
	case c.Lang != Bokmal && c.Lang != Nynorsk && c.Lang != English:
		return &Error{Code: EINVALID, Key: "canned.error.lang", Message: fmt.Sprintf("lang %q is not nb, nn or en", c.Lang)}
	case c.Title == "" || utf8.RuneCountInString(c.Title) > MaxCannedTitleRunes:
		return &Error{Code: EINVALID, Key: "canned.error.title", Message: fmt.Sprintf("title needs 1 to %d characters", MaxCannedTitleRunes)}
	case !utf8.ValidString(c.Body) || c.Body == "" || utf8.RuneCountInString(c.Body) > MaxCannedBodyRunes:
		return &Error{Code: EINVALID, Key: "canned.error.body", Message: fmt.Sprintf("body needs 1 to %d characters", MaxCannedBodyRunes)}
	}
	return nil
}
