package bot_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
)

// recorder is an Observer that keeps what it hears.
type recorder struct {
	mu        sync.Mutex
	turns     []los.Result
	generated int
	fallbacks []string
	handoffs  []los.Category
}

func (r *recorder) Turn(res los.Result) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.turns = append(r.turns, res)
}
func (r *recorder) Generated(first, total time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.generated++
}
func (r *recorder) Fallback(reason string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fallbacks = append(r.fallbacks, reason)
}

func (r *recorder) Handoff(c los.Category) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.handoffs = append(r.handoffs, c)
}

var _ bot.Observer = (*recorder)(nil)

func TestObserverAndFirstToken(t *testing.T) {
	failing := &FakeGenerator{ChatFn: func(context.Context, *los.ChatRequest, los.ChatFunc) error {
		return errors.New("connection refused")
	}}
	tests := []struct {
		name          string
		gen           los.Chatter
		wantMode      los.Mode
		wantGenerated int
		wantFallbacks []string
	}{
		{name: "generated", gen: streamOf("Du endrer den på Min side [1]."), wantMode: los.ModeGenerated, wantGenerated: 1},
		{name: "model down", gen: failing, wantMode: los.ModeExtractive, wantFallbacks: []string{"model_error"}},
		{name: "every model host busy", wantMode: los.ModeExtractive, wantFallbacks: []string{"model_busy"},
			gen: &FakeGenerator{ChatFn: func(context.Context, *los.ChatRequest, los.ChatFunc) error {
				return &los.Error{Code: los.EUNAVAILABLE, Message: "every Ollama host is busy"}
			}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			h := newHarness(t, tt.gen, fixedSources(srcAddress), nil, func(c *bot.Config) { c.Observer = rec })
			id := h.conversation(t)
			res, err := h.bot.Turn(context.Background(), los.TurnRequest{ConversationID: id, Text: "Hvordan endrer jeg fakturaadressen?"})
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.turns) != 1 || rec.turns[0].Mode != tt.wantMode {
				t.Fatalf("observed turns %+v, want one in mode %s", rec.turns, tt.wantMode)
			}
			if rec.generated != tt.wantGenerated || len(rec.fallbacks) != len(tt.wantFallbacks) ||
				(len(tt.wantFallbacks) > 0 && rec.fallbacks[0] != tt.wantFallbacks[0]) {
				t.Errorf("generated %d, fallbacks %v; want %d, %v", rec.generated, rec.fallbacks, tt.wantGenerated, tt.wantFallbacks)
			}
			msgs, _ := h.store.Messages(context.Background(), id)
			last := msgs[len(msgs)-1]
			if last.FirstTokenMS != res.Timings.FirstTokenMS {
				t.Errorf("stored first token %v ms, result says %v ms", last.FirstTokenMS, res.Timings.FirstTokenMS)
			}
			if tt.wantMode == los.ModeExtractive && last.FirstTokenMS != 0 {
				t.Errorf("first token %v ms for an extractive answer", last.FirstTokenMS)
			}
		})
	}
}
