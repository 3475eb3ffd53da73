package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/los-bot/los/lang"
)

// MaxQuestionRunes is the longest message a customer may send.
const MaxQuestionRunes = 4000

// Result is the outcome of one turn. Its JSON form is the contract of
// `los ask --json` and the conversation API.
type Result struct {
	Answer    string        `json:"answer"`
	Action    Action        `json:"action"`
	Category  Category      `json:"category"`
	Severity  Severity      `json:"severity"`
	Citations []string      `json:"citations"`
	Mode      Mode          `json:"mode"`
	Lang      lang.Standard `json:"lang"`
	Sources   []Source      `json:"sources"`
	Signals   []string      `json:"signals"`
	MessageID int64         `json:"message_id,omitempty"`
	Timings   Timings       `json:"timings"`
	// Held is true when an agent holds the conversation: the customer's
	// message was stored and the bot stayed silent.
	Held bool `json:"held,omitempty"`
	// Callback is true when the conversation was handed over but nobody
	// can take over now (closed, or no agent present): the answer says so
	// and the chat offers to leave a phone number for a call-back.
	Callback bool `json:"callback,omitempty"`
}

// Timings break a turn down, in milliseconds.
type Timings struct {
	RetrieveMS   float64 `json:"retrieve_ms"`
	FirstTokenMS float64 `json:"first_token_ms,omitempty"`
	TotalMS      float64 `json:"total_ms"`
}

// Request is one customer message.
type Request struct {
	ConversationID string // empty: a one-off turn that is not stored
	Text           string
	// Lang forces the written standard of the reply; empty detects it.
	Lang lang.Standard
	// OnToken receives the answer's text as it arrives: generated text
	// token by token, any other answer (quoted from the knowledge base, a
	// handoff) in pieces when it is ready. Tokens of a generation that
	// later fails are superseded by Result.Answer.
	OnToken func(string)
}

// ValidateText checks a customer message and returns it trimmed.
func ValidateText(text string) (string, error) {
	if !utf8.ValidString(text) {
		return "", &Error{Code: EINVALID, Message: "text is not valid UTF-8", Key: "error.invalid_text"}
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return "", &Error{Code: EINVALID, Message: "text is empty", Key: "error.empty"}
	}
	if n := utf8.RuneCountInString(text); n > MaxQuestionRunes {
		return "", &Error{Code: ETOOLARGE, Message: fmt.Sprintf("text has %d characters; the limit is %d", n, MaxQuestionRunes), Key: "error.too_long"}
	}
	return text, nil
}

// Turn answers one customer message: it triages it, retrieves passages,
// generates a grounded answer (or falls back to quoting the knowledge
// base), stores both messages and returns the result. It returns an error
// only for bad input or a failing store; model trouble is never an error.
func (b *Bot) Turn(ctx context.Context, req Request) (Result, error) {
	start := time.Now()
	text, err := ValidateText(req.Text)
	if err != nil {
		return Result{}, err
	}
	if b.Redactor != nil {
		text = b.Redactor.String(text)
	}

	var conv *Conversation
	var history []Message
	if req.ConversationID != "" {
		if conv, err = b.Store.Conversation(ctx, req.ConversationID); err != nil {
			return Result{}, err
		}
		if conv.Status == StatusClosed {
			return Result{}, &Error{Code: ECONFLICT, Message: "conversation is closed", Key: "error.closed"}
		}
		if history, err = b.Store.Messages(ctx, conv.ID); err != nil {
			return Result{}, err
		}
	}

	l := b.standard(ctx, req, conv, text)
	customer := &Message{ConversationID: req.ConversationID, Role: RoleCustomer, Text: text, Created: start}

	if conv != nil && (conv.Status == StatusAgent || conv.Status == StatusWaiting) && b.holdWhileWaiting(conv) {
		if err := b.Store.AddMessage(ctx, customer); err != nil {
			return Result{}, err
		}
		return Result{Action: ActionHandoffNow, Category: CategoryNone, Severity: SeverityNone, Lang: l, Held: true, Citations: []string{}, Mode: ModeExtractive}, nil
	}

	tri := b.triage(ctx, text, history)
	customer.Signals = tri.Signals
	res := Result{Lang: l, Category: tri.Category, Severity: tri.Severity, Action: tri.Action, Signals: tri.Signals, Citations: []string{}}

	var noAnswer bool
	stream := &streamer{to: req.OnToken}
	if tri.Action == ActionHandoffNow {
		res.Answer, res.Callback = b.HandoffText(ctx, l, tri)
		res.Mode = ModeExtractive
	} else {
		noAnswer = b.answer(ctx, l, text, history, stream.onToken(), &res)
		if noAnswer && res.Action == ActionAnswer {
			res.Action = ActionOfferHandoff
			res.Signals = append(res.Signals, "retrieval:no_answer")
		}
		if tri.Action == ActionOfferHandoff && !noAnswer {
			res.Answer = strings.TrimSpace(res.Answer + "\n\n" + b.Texts.T(l, "handoff.offer"))
		}
	}

	stream.finish(res.Answer)
	reply := &Message{
		ConversationID: req.ConversationID, Role: RoleBot, Text: res.Answer, Created: time.Now(),
		Mode: res.Mode, Action: res.Action, Category: res.Category, Citations: res.Citations, NoAnswer: noAnswer,
		FirstTokenMS: res.Timings.FirstTokenMS,
	}
	if res.Callback {
		reply.Signals = []string{SignalCallbackOffered}
	}
	if conv != nil {
		if err := b.Store.AddTurn(ctx, customer, reply); err != nil {
			return Result{}, err
		}
		res.MessageID = reply.ID
		if res.Action == ActionHandoffNow {
			if err := b.Handoff(ctx, conv, tri, append(history, *customer, *reply)); err != nil {
				// The customer already has the handoff text with any crisis
				// numbers; the failure is the operators' to fix.
				b.Log.ErrorContext(ctx, "handoff request failed", "conversation", conv.ID, "err", err)
			}
		}
	}
	res.Timings.TotalMS = ms(time.Since(start))
	if b.Observer != nil {
		b.Observer.Turn(res)
	}
	b.Log.InfoContext(ctx, "turn", "conversation", req.ConversationID, "lang", l, "action", res.Action,
		"category", res.Category, "mode", res.Mode, "citations", len(res.Citations), "total_ms", res.Timings.TotalMS)
	return res, nil
}

// standard picks the written standard of the reply: forced, the
// conversation's (set by its first message), or detected.
func (b *Bot) standard(ctx context.Context, req Request, conv *Conversation, text string) lang.Standard {
	if req.Lang != "" {
		return req.Lang
	}
	if conv != nil && conv.Lang != "" {
		return conv.Lang
	}
	l := lang.Detect(text)
	if conv != nil {
		if err := b.Store.SetConversationLang(ctx, conv.ID, l); err != nil {
			b.Log.WarnContext(ctx, "could not store conversation language", "conversation", conv.ID, "err", err)
		}
		conv.Lang = l
	}
	return l
}

// holdWhileWaiting reports whether the bot stays silent: always while an
// agent holds the conversation; while it waits, the bot keeps answering.
func (b *Bot) holdWhileWaiting(conv *Conversation) bool {
	return conv.Status == StatusAgent
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

var errNoDone = errors.New("stream ended without done")
