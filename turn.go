package los

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxQuestionRunes is the longest message a customer may send.
const MaxQuestionRunes = 4000

// TurnRequest is one customer message.
type TurnRequest struct {
	ConversationID string // empty: a one-off turn that is not stored
	Text           string
	// Lang forces the written standard of the reply; empty detects it.
	Lang Standard
	// Page is the standard of the page or widget the message comes from
	// (?lang=, data-lang), and AcceptLanguage the browser's header: hints
	// that weigh in when the messages say little.
	Page           Standard
	AcceptLanguage string
	// OnToken receives the answer's text as it arrives: generated text
	// token by token, any other answer (quoted from the knowledge base, a
	// handoff) in pieces when it is ready. Tokens of a generation that
	// later fails are superseded by Result.Answer.
	OnToken func(string)
	// ClientID optionally names the message on the client's side (see
	// ValidateClientID), so a message sent again after a lost answer is
	// stored once: a repeat gets the stored reply, or is answered once if
	// it has none yet. Empty: every request is a new message.
	ClientID string
}

// Result is the outcome of one turn. Its JSON form is the contract of
// `los ask --json` and the conversation API.
type Result struct {
	Answer    string   `json:"answer"`
	Action    Action   `json:"action"`
	Category  Category `json:"category"`
	Severity  Severity `json:"severity"`
	Citations []string `json:"citations"`
	Mode      Mode     `json:"mode"`
	Lang      Standard `json:"lang"`
	Sources   []Source `json:"sources"`
	Signals   []string `json:"signals"`
	MessageID int64    `json:"message_id,omitempty"`
	Timings   Timings  `json:"timings"`
	// Held is true when an agent holds the conversation: the customer's
	// message was stored and the bot stayed silent.
	Held bool `json:"held,omitempty"`
	// Callback is true when the conversation was handed over but nobody
	// can take over now (closed, or no agent present): the answer says so
	// and the chat offers to leave a phone number for a call-back.
	Callback bool `json:"callback,omitempty"`
	// Repeated is true when the message repeats one already stored (the
	// same TurnRequest.ClientID): nothing new was stored for it, or only
	// the reply it was still missing.
	Repeated bool `json:"repeated,omitempty"`
}

// Timings break a turn down, in milliseconds.
type Timings struct {
	RetrieveMS   float64 `json:"retrieve_ms"`
	FirstTokenMS float64 `json:"first_token_ms,omitempty"`
	TotalMS      float64 `json:"total_ms"`
}

// ValidateText checks a message or reply and returns it cleaned (see
// CleanText) and trimmed.
func ValidateText(text string) (string, error) {
	if !utf8.ValidString(text) {
		return "", &Error{Code: EINVALID, Message: "text is not valid UTF-8", Key: "error.invalid_text"}
	}
	text = strings.TrimSpace(CleanText(text))
	if text == "" {
		return "", &Error{Code: EINVALID, Message: "text is empty", Key: "error.empty"}
	}
	if n := utf8.RuneCountInString(text); n > MaxQuestionRunes {
		return "", &Error{Code: ETOOLARGE, Message: fmt.Sprintf("text has %d characters; the limit is %d", n, MaxQuestionRunes), Key: "error.too_long"}
	}
	return text, nil
}

// MaxClientIDLen is the longest client message ID accepted.
const MaxClientIDLen = 64

// ValidateClientID checks a client message ID: 1 to MaxClientIDLen
// ASCII letters, digits, '-', '_', '.' or ':' (a UUID fits).
func ValidateClientID(id string) error {
	bad := len(id) == 0 || len(id) > MaxClientIDLen
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.:", r)) {
			bad = true
			break
		}
	}
	if bad {
		return &Error{Code: EINVALID, Key: "error.client_id",
			Message: fmt.Sprintf("client_id must be 1 to %d letters, digits, '-', '_', '.' or ':'", MaxClientIDLen)}
	}
	return nil
}

// ConversationService answers customers. Package bot implements it; the
// chat API and `los ask` use it.
type ConversationService interface {
	// Turn answers one customer message: triage, retrieval, a grounded
	// answer or a handoff, stored with the message when the request names
	// a conversation. A message repeated with the same ClientID is stored
	// and answered once (Result.Repeated).
	Turn(ctx context.Context, req TurnRequest) (Result, error)
	// RequestHuman hands conversation conv to the agents at the customer's
	// request (the "talk to a person" button) and returns the reply the
	// customer reads, in written standard l.
	RequestHuman(ctx context.Context, conv *Conversation, l Standard) (Result, error)
}
