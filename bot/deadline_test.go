package bot_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
)

// paced streams a token after each wait, then done; it records the cause
// of its context when the turn gives up on it.
type paced struct {
	waits []time.Duration
	cause error
}

func (p *paced) Chat(ctx context.Context, _ *los.ChatRequest, fn los.ChatFunc) error {
	for i, w := range p.waits {
		select {
		case <-time.After(w):
		case <-ctx.Done():
			p.cause = context.Cause(ctx)
			return nil // as the Ollama client does: the stream just stops
		}
		fn(los.ChatResponse{Content: fmt.Sprintf("modellord%d ", i)})
	}
	return fn(los.ChatResponse{Done: true})
}

// TestTokenDeadline: after the first token, the stream may pause at most
// TokenTimeout between two pieces; a longer stall cancels it with a cause
// that is los.ErrTooSlow, and the turn falls back as for a stream without
// done: one extractive answer, superseding the tokens already streamed
// (streamed itself when the model streamed nothing).
// The deadline restarts with every piece, so a slow but steady stream is
// generated however long it takes. (Fake time: no test waits for real.)
func TestTokenDeadline(t *testing.T) {
	tests := []struct {
		name      string
		waits     []time.Duration
		wantMode  los.Mode
		wantAfter time.Duration // when the turn ends
		reason    string
	}{
		{"steady, slower than the deadline in total", []time.Duration{time.Second, 4 * time.Second, 4 * time.Second, 4 * time.Second, 4 * time.Second},
			los.ModeGenerated, 17 * time.Second, ""},
		{"stalls after the first token", []time.Duration{time.Second, 6 * time.Second},
			los.ModeExtractive, 6 * time.Second, "token_timeout"},
		{"stalls after three tokens", []time.Duration{time.Second, time.Second, time.Second, time.Minute},
			los.ModeExtractive, 8 * time.Second, "token_timeout"},
		{"no first token: the first-token deadline, not this one", []time.Duration{time.Minute},
			los.ModeExtractive, 8 * time.Second, "first_token_timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				gen := &paced{waits: tt.waits}
				rec := &recorder{}
				h := newHarness(t, gen, fixedSources(srcAddress), nil, func(c *bot.Config) {
					c.FirstToken, c.TokenTimeout, c.Generation, c.Observer = 8*time.Second, 5*time.Second, time.Minute, rec
				})
				id := h.conversation(t)
				var streamed strings.Builder
				start := time.Now()
				res, err := h.bot.Turn(context.Background(), los.TurnRequest{ConversationID: id, Text: "Hvordan endrer jeg fakturaadressen?",
					OnToken: func(s string) { streamed.WriteString(s) }})
				if err != nil {
					t.Fatal(err)
				}
				if took := time.Since(start); res.Mode != tt.wantMode || took != tt.wantAfter {
					t.Errorf("%s after %v, want %s after %v", res.Mode, took, tt.wantMode, tt.wantAfter)
				}
				if tt.reason == "" {
					if gen.cause != nil || len(rec.fallbacks) != 0 {
						t.Errorf("cancelled (%v), fallbacks %v", gen.cause, rec.fallbacks)
					}
					return
				}
				if !errors.Is(gen.cause, los.ErrTooSlow) {
					t.Errorf("the stream was cancelled with %v, want los.ErrTooSlow", gen.cause)
				}
				if len(rec.fallbacks) != 1 || rec.fallbacks[0] != tt.reason {
					t.Errorf("fallbacks %v, want %s", rec.fallbacks, tt.reason)
				}
				// The model's tokens are superseded; without any, the
				// extractive answer streams as a generated one would.
				if strings.Contains(res.Answer, "modellord") {
					t.Errorf("the answer %q keeps the stalled stream %q", res.Answer, streamed.String())
				}
				if got := streamed.String(); !strings.Contains(got, "modellord") && got != res.Answer {
					t.Errorf("streamed %q, want the extractive answer %q", got, res.Answer)
				}
				msgs, _ := h.store.Messages(context.Background(), id)
				if len(msgs) != 2 || msgs[1].Text != res.Answer || msgs[1].Mode != los.ModeExtractive {
					t.Errorf("stored %+v, want one extractive reply equal to the answer", msgs)
				}
			})
		})
	}
}
