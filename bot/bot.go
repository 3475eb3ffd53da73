// Package bot is the conversation service: it answers a customer's
// message (triage, retrieval, a grounded answer from the chat model or a
// quote of the knowledge base) and hands conversations to human agents. It
// works on the domain types of package los and declares the small
// interfaces of the stores it needs; it knows nothing of HTTP, SQL, Bleve
// or Ollama.
package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/los-bot/los"
)

// Handoffs queues conversations for the agents.
type Handoffs interface {
	// RequestHandoff queues h and marks conv as waiting for an agent, in
	// one transaction. A conversation already waiting or held keeps its
	// open handoff; it is not queued twice.
	RequestHandoff(ctx context.Context, conv *los.Conversation, h *los.Handoff) error
	// HandOver stores reply (the bot's message telling the customer) and
	// does what RequestHandoff does, in one transaction.
	HandOver(ctx context.Context, conv *los.Conversation, reply *los.Message, h *los.Handoff) error
}

// Observer hears what the bot does, for metrics. Its methods must be
// quick and safe for concurrent use.
type Observer interface {
	// Turn is called once per answered turn (not for held messages).
	Turn(los.Result)
	// Generated is called after each successful generation.
	Generated(firstToken, total time.Duration)
	// Fallback is called when an answer falls back to quoting the
	// knowledge base: reason is "model_missing", "model_busy" (every
	// model host busy), "first_token_timeout", "token_timeout" (the
	// stream stalled after its first token), "stream_broken" or
	// "model_error".
	Fallback(reason string)
	// Handoff is called for every conversation handed over, by a turn
	// or at the customer's request.
	Handoff(los.Category)
}

// Config holds the parts and settings of a Bot. They are given once, to
// New; nothing replaces them afterwards.
type Config struct {
	Retriever los.Retriever
	Generator los.Chatter // nil: always extractive
	// Rewriter writes standalone questions of follow-ups with a model;
	// nil: the bot reads follow-ups by itself (see followup.go).
	Rewriter los.Rewriter
	Store    Store
	Triager  los.Triager  // nil: every message is "none"
	Redactor los.Redactor // nil: text is stored as written
	Handoffs Handoffs     // nil: handoffs are only recorded on the message
	// Summaries receives the model's handoff summaries; nil: agents read
	// the extractive summary only.
	Summaries SummaryStore
	Staffing  Staffing // nil: handing over never mentions opening hours
	Prompter  Prompter
	Texts     los.Texts
	Policy    los.Policy
	Log       *slog.Logger
	// Translator puts quoted articles and stray generated answers into the
	// customer's standard (Bokmål↔Nynorsk); nil: they stay as written.
	Translator Translator
	// Observer hears about every turn (metrics); nil: nobody does.
	Observer Observer
	// Now is the clock of the messages the bot stores; nil: time.Now.
	Now func() time.Time

	ChatModel string
	// Sources is how many passages are retrieved and given to the model.
	Sources int
	// FirstToken is how long the model may take to send its first token.
	FirstToken time.Duration
	// TokenTimeout is how long the stream may stall after its first token
	// before the turn falls back, as for a stream without done.
	TokenTimeout time.Duration
	// Generation bounds the whole generation.
	Generation time.Duration
	// RewriteTimeout bounds a Rewriter call; 0 means
	// DefaultRewriteTimeout.
	RewriteTimeout time.Duration
	// Options are passed to the model (temperature, num_predict, ...).
	Options map[string]any
}

// Bot runs turns. Build it with New; the zero value is not usable.
type Bot struct {
	cfg        Config
	warned     warnOnce
	background sync.WaitGroup
}

var _ los.ConversationService = (*Bot)(nil)

// New returns a Bot with defaults filled in.
func New(c Config) *Bot {
	b := &Bot{cfg: c}
	if b.cfg.Policy == nil {
		b.cfg.Policy = los.DefaultPolicy
	}
	if b.cfg.Now == nil {
		b.cfg.Now = time.Now
	}
	if b.cfg.Log == nil {
		b.cfg.Log = slog.New(slog.DiscardHandler)
	}
	if b.cfg.Sources <= 0 {
		b.cfg.Sources = 4
	}
	if b.cfg.FirstToken <= 0 {
		b.cfg.FirstToken = 8 * time.Second
	}
	if b.cfg.TokenTimeout <= 0 {
		b.cfg.TokenTimeout = 5 * time.Second
	}
	if b.cfg.Generation <= 0 {
		b.cfg.Generation = 60 * time.Second
	}
	return b
}

// WithRetriever returns a bot like b that retrieves from r, for example
// to try a question against unpublished drafts.
func (b *Bot) WithRetriever(r los.Retriever) *Bot {
	c := b.cfg
	c.Retriever = r
	return New(c)
}
