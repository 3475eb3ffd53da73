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
	chat := answer(`{"category":"distress"}`)
	// With Below 0.2, none with a weak distress cue is sure enough.
	c := newTestClassifier(t, WithModel(nil), WithSecondOpinion(SecondOpinion{Chat: chat, Below: 0.2}))
	if got := c.Classify(context.Background(), unsureNone); got.Category != los.CategoryNone || chat.calls.Load() != 0 {
		t.Errorf("got %s after %d calls, want none without asking", got.Category, chat.calls.Load())
	}
	// A decision on weak evidence is reviewed whatever Below is.
	if got := c.Classify(context.Background(), unsureHigh); got.Category != los.CategoryDistress || chat.calls.Load() != 1 {
		t.Errorf("got %s after %d calls, want distress after asking", got.Category, chat.calls.Load())
	}
}

// TestSecondOpinionEvidence: the chat model may lower or change a decision
// resting on weak evidence (the learned layer alone, weak signs together,
// one ambiguous word), critical ones included, and is never asked about
// one resting on clear evidence. When it is down, the deterministic
// decision stands.
func TestSecondOpinionEvidence(t *testing.T) {
	down := &fakeChat{ChatFn: func(context.Context, *los.ChatRequest, los.ChatFunc) error {
		return errors.New("connection refused")
	}}
	const (
		learnedCritical = "Jeg tror ikke jeg ser neste jul, så kan dere stenge abonnementet mitt fra nyttår? Livet har blitt for tungt."
		weakSigns       = "Takk for alt. Jeg ordner opp i alt nå, så kan dere stenge kontoen."
		clearHigh       = "mora mi døde i går, hvordan sier jeg opp strømmen hennes?"
	)
	tests := []struct {
		name      string
		text      string
		model     bool // the learned layer on
		chat      *fakeChat
		want      los.Category
		evidence  los.Evidence
		wantCalls int32
	}{
		{"learned critical lowered", learnedCritical, true, answer(`{"category":"none"}`), los.CategoryNone, los.EvidenceNone, 1},
		{"learned critical confirmed", learnedCritical, true, answer(`{"category":"self_harm"}`), los.CategorySelfHarm, los.EvidenceWeak, 1},
		{"learned critical, model down", learnedCritical, true, down, los.CategorySelfHarm, los.EvidenceWeak, 1},
		{"weak signs lowered", weakSigns, false, answer(`{"category":"none"}`), los.CategoryNone, los.EvidenceNone, 1},
		{"weak signs, model down", weakSigns, false, down, los.CategorySelfHarm, los.EvidenceWeak, 1},
		{"clear critical never asked", critical, true, answer(`{"category":"none"}`), los.CategorySelfHarm, los.EvidenceClear, 0},
		{"clear high never asked", clearHigh, true, answer(`{"category":"none"}`), los.CategoryBereavement, los.EvidenceClear, 0},
		{"ambiguous word lowered", unsureHigh, false, answer(`{"category":"none"}`), los.CategoryNone, los.EvidenceNone, 1},
		{"ambiguous word, model down", unsureHigh, false, down, los.CategoryIllness, los.EvidenceWeak, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.chat.calls.Store(0)
			opts := []Option{WithSecondOpinion(SecondOpinion{Chat: tt.chat, Model: "tiny"})}
			if !tt.model {
				opts = append(opts, WithModel(nil))
			}
			got := newTestClassifier(t, opts...).Classify(context.Background(), tt.text)
			if got.Category != tt.want || got.Evidence != tt.evidence {
				t.Errorf("Classify(%q) = %s %s %v, want %s %s", tt.text, got.Category, got.Evidence, got.Signals, tt.want, tt.evidence)
			}
			if n := tt.chat.calls.Load(); n != tt.wantCalls {
				t.Errorf("chat model called %d times, want %d", n, tt.wantCalls)
			}
			action, response := los.DefaultPolicy.Respond(got.Category, got.Evidence)
			if got.Action != action || got.Response != response {
				t.Errorf("action %s response %s, want %s %s", got.Action, got.Response, action, response)
			}
		})
	}
}
