package triage

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/los-bot/los"
)

// fakeChat is a Chatter built from a function.
type fakeChat struct {
	ChatFn func(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error
	calls  atomic.Int32
}

var _ los.Chatter = (*fakeChat)(nil)

func (f *fakeChat) Chat(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error {
	f.calls.Add(1)
	return f.ChatFn(ctx, req, fn)
}

// answer returns a fake that answers content.
func answer(content string) *fakeChat {
	return &fakeChat{ChatFn: func(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error {
		return fn(los.ChatResponse{Content: content, Done: true})
	}}
}

const (
	unsureNone = "Jeg hater den nye fakturaløsningen"       // weak distress cue: none, unsure
	unsureHigh = "Jeg er syk"                               // illness, unsure
	critical   = "Jeg vil ikke leve lenger"                 // self_harm, sure
	sureNone   = "Hvordan betaler jeg regningen med Vipps?" // no cue at all
)

// The second-opinion tests use the rules alone (WithModel(nil)), whose
// decisions on these texts are fixed; TestSecondOpinionOverLearned checks
// the two layers together.
func TestSecondOpinion(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		chat      *fakeChat
		want      los.Category
		signal    string
		wantCalls int32
	}{
		{"raises unsure none", unsureNone, answer(`{"category": "distress"}`), los.CategoryDistress, "model:distress", 1},
		{"lowers unsure high", unsureHigh, answer(`{"category":"none"}`), los.CategoryNone, "model:none", 1},
		{"agrees", unsureHigh, answer(`{"category":"illness"}`), los.CategoryIllness, "model:illness", 1},
		{"garbage", unsureHigh, answer(`I think this is illness.`), los.CategoryIllness, "model:invalid", 1},
		{"unknown category", unsureNone, answer(`{"category":"angry"}`), los.CategoryNone, "model:invalid", 1},
		{"empty answer", unsureNone, answer(``), los.CategoryNone, "model:invalid", 1},
		{"error", unsureHigh, &fakeChat{ChatFn: func(context.Context, *los.ChatRequest, los.ChatFunc) error {
			return errors.New("connection refused")
		}}, los.CategoryIllness, "model:error", 1},
		{"no critical without a cue", unsureNone, answer(`{"category":"violence"}`), los.CategoryNone, "model:rejected:violence", 1},
		{"no high without a cue", unsureNone, answer(`{"category":"bereavement"}`), los.CategoryNone, "model:rejected:bereavement", 1},
		{"hint lets the model raise", "Jeg har det så vondt om dagen", answer(`{"category":"self_harm"}`), los.CategorySelfHarm, "model:self_harm", 1},
		{"distress needs no cue", unsureHigh, answer(`{"category":"distress"}`), los.CategoryDistress, "model:distress", 1},
		{"critical is never asked", critical, answer(`{"category":"none"}`), los.CategorySelfHarm, "lexicon:self_harm:", 0},
		{"sure rules are not asked", sureNone, answer(`{"category":"distress"}`), los.CategoryNone, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newTestClassifier(t, WithModel(nil), WithSecondOpinion(SecondOpinion{Chat: tt.chat, Model: "tiny"}))
			got := c.Classify(context.Background(), tt.text)
			if got.Category != tt.want {
				t.Errorf("Classify(%q) = %s %v, want %s", tt.text, got.Category, got.Signals, tt.want)
			}
			if got.Severity != tt.want.Severity() {
				t.Errorf("severity %s, want %s", got.Severity, tt.want.Severity())
			}
			if tt.signal != "" && !slices.ContainsFunc(got.Signals, func(s string) bool { return strings.HasPrefix(s, tt.signal) }) {
				t.Errorf("signals %v, want %q", got.Signals, tt.signal)
			}
			if n := tt.chat.calls.Load(); n != tt.wantCalls {
				t.Errorf("model called %d times, want %d", n, tt.wantCalls)
			}
		})
	}
}

func TestSecondOpinionRequest(t *testing.T) {
	var got *los.ChatRequest
	var deadline time.Duration
	chat := &fakeChat{ChatFn: func(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error {
		got = req
		if d, ok := ctx.Deadline(); ok {
			deadline = time.Until(d)
		}
		return fn(los.ChatResponse{Content: `{"category":"none"}`, Done: true})
	}}
	c := newTestClassifier(t, WithModel(nil), WithSecondOpinion(SecondOpinion{Chat: chat, Model: "tiny", Timeout: time.Second}))
	c.Classify(context.Background(), unsureNone)
	if got == nil {
		t.Fatal("model not asked")
	}
	if got.Model != "tiny" || got.Stream || got.Options["temperature"] != 0 {
		t.Errorf("request model %q stream %v options %v, want tiny, false, temperature 0", got.Model, got.Stream, got.Options)
	}
	if deadline <= 0 || deadline > time.Second {
		t.Errorf("deadline in %v, want within 1s", deadline)
	}
	if n := len(got.Messages); n != 2 || got.Messages[1].Content != unsureNone || got.Messages[0].Role != "system" {
		t.Errorf("messages %+v, want system prompt and the text", got.Messages)
	}
	var schema struct {
		Properties struct {
			Category struct {
				Enum []string `json:"enum"`
			} `json:"category"`
		} `json:"properties"`
		Required []string `json:"required"`
	}
	if err := json.Unmarshal(got.Format, &schema); err != nil {
		t.Fatalf("format is not a JSON schema: %v", err)
	}
	if len(schema.Properties.Category.Enum) != len(los.Categories) || !slices.Equal(schema.Required, []string{"category"}) {
		t.Errorf("schema %s, want an enum of the %d categories", got.Format, len(los.Categories))
	}
}

func TestSecondOpinionTimeout(t *testing.T) {
	chat := &fakeChat{ChatFn: func(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error {
		<-ctx.Done() // a model that never answers in time
		return ctx.Err()
	}}
	c := newTestClassifier(t, WithModel(nil), WithSecondOpinion(SecondOpinion{Chat: chat, Timeout: 20 * time.Millisecond}))
	start := time.Now()
	got := c.Classify(context.Background(), unsureHigh)
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("Classify took %v with a 20ms model timeout", elapsed)
	}
	if got.Category != los.CategoryIllness || !slices.Contains(got.Signals, "model:timeout") {
		t.Errorf("got %s %v, want the rules' illness and model:timeout", got.Category, got.Signals)
	}
}

func TestSecondOpinionBand(t *testing.T) {
	chat := answer(`{"category":"none"}`)
	// With Below 0.5 an illness decision at 0.6 is sure enough.
	c := newTestClassifier(t, WithModel(nil), WithSecondOpinion(SecondOpinion{Chat: chat, Below: 0.5}))
	if got := c.Classify(context.Background(), unsureHigh); got.Category != los.CategoryIllness || chat.calls.Load() != 0 {
		t.Errorf("got %s after %d calls, want illness without asking", got.Category, chat.calls.Load())
	}
}

// TestSecondOpinionOverLearned: the chat model reviews what the learned
// layer decided, within the same bounds, and is never asked about a
// critical decision the learned layer made.
func TestSecondOpinionOverLearned(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		answer    string
		want      los.Category
		wantCalls int32
	}{
		// The learned layer raises this to self_harm: critical, not asked.
		{"learned critical", "Det er ingen vits å fikse noe mer, jeg skal snart bort for godt.", `{"category":"none"}`, los.CategorySelfHarm, 0},
		// The learned layer lowers the unsure illness to none (under 0.8):
		// the illness cue lets the chat model restore it.
		{"learned lowered", unsureHigh, `{"category":"illness"}`, los.CategoryIllness, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chat := answer(tt.answer)
			c := newTestClassifier(t, WithSecondOpinion(SecondOpinion{Chat: chat, Model: "tiny"}))
			got := c.Classify(context.Background(), tt.text)
			if got.Category != tt.want || !slices.ContainsFunc(got.Signals, func(s string) bool { return strings.HasPrefix(s, "learned:") }) {
				t.Errorf("Classify(%q) = %s %v, want %s after a learned: signal", tt.text, got.Category, got.Signals, tt.want)
			}
			if n := chat.calls.Load(); n != tt.wantCalls {
				t.Errorf("chat model called %d times, want %d", n, tt.wantCalls)
			}
		})
	}
}
