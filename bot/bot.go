package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Handoffs receives conversations handed to humans.
type Handoffs interface {
	RequestHandoff(ctx context.Context, conv *Conversation, t Triage, transcript []Message) error
}

// Observer hears what the bot does, for metrics. Its methods must be
// quick and safe for concurrent use.
type Observer interface {
	// Turn is called once per answered turn (not for held messages).
	Turn(Result)
	// Generated is called after each successful generation.
	Generated(firstToken, total time.Duration)
	// Fallback is called when an answer falls back to quoting the
	// knowledge base: reason is "model_missing", "first_token_timeout",
	// "stream_broken" or "model_error".
	Fallback(reason string)
}

// Config holds the parts and settings of a Bot.
type Config struct {
	Retriever Retriever
	Generator Generator // nil: always extractive
	// Rewriter writes standalone questions of follow-ups with a model;
	// nil: the bot reads follow-ups by itself (see followup.go).
	Rewriter Rewriter
	Store    Store
	Triager  Triager  // nil: every message is "none"
	Redactor Redactor // nil: text is stored as written
	Handoffs Handoffs // nil: handoffs are only recorded on the message
	// Summaries receives the model's handoff summaries; nil: agents read
	// the extractive summary only.
	Summaries SummaryStore
	Staffing  Staffing // nil: handing over never mentions opening hours
	Prompter  Prompter
	Texts     Texts
	Policy    Policy
	Log       *slog.Logger
	// Observer hears about every turn (metrics); nil: nobody does.
	Observer Observer

	ChatModel string
	// Sources is how many passages are retrieved and given to the model.
	Sources int
	// FirstToken is how long the model may take to send its first token.
	FirstToken time.Duration
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
	Config
	warned     warnOnce
	background sync.WaitGroup
}

// New returns a Bot with defaults filled in.
func New(c Config) *Bot {
	b := &Bot{Config: c}
	if b.Policy == nil {
		b.Policy = DefaultPolicy
	}
	if b.Log == nil {
		b.Log = slog.New(slog.DiscardHandler)
	}
	if b.Sources <= 0 {
		b.Sources = 4
	}
	if b.FirstToken <= 0 {
		b.FirstToken = 8 * time.Second
	}
	if b.Generation <= 0 {
		b.Generation = 60 * time.Second
	}
	return b
}

// WithRetriever returns a bot like b that retrieves from r, for example
// to try a question against unpublished drafts.
func (b *Bot) WithRetriever(r Retriever) *Bot {
	c := b.Config
	c.Retriever = r
	return New(c)
}
