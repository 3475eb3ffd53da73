package triage

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/internal/ollamatest"
	"github.com/los-bot/los/ollama"
)

// TestSecondOpinionOllama asks a real Ollama server with the tiny test
// model. Its answers are noise, but the server must accept the request (JSON
// schema format, no streaming) and constrain the answer to the schema, and
// the bounds must hold: a noisy answer is either allowed or rejected.
func TestSecondOpinionOllama(t *testing.T) {
	if testing.Short() {
		t.Skip("starts an Ollama server")
	}
	srv := ollamatest.Start(t)
	c := newTestClassifier(t, WithSecondOpinion(SecondOpinion{Chat: ollama.Wrap(srv.Client), Model: srv.Model, Timeout: 20 * time.Second}))
	for _, text := range []string{unsureNone, unsureHigh, critical} {
		got := c.Classify(context.Background(), text)
		i := slices.IndexFunc(got.Signals, func(s string) bool { return strings.HasPrefix(s, "model:") })
		if text == critical {
			if got.Category != los.CategorySelfHarm || i >= 0 {
				t.Errorf("critical %q: %s %v, want self_harm without asking", text, got.Category, got.Signals)
			}
			continue
		}
		if i < 0 {
			t.Errorf("%q: signals %v, want the model asked", text, got.Signals)
			continue
		}
		sig := got.Signals[i]
		t.Logf("%q -> %s %v", text, got.Category, got.Signals)
		if sig == "model:error" || sig == "model:invalid" {
			t.Errorf("%q: %s, want the server to answer within the schema", text, sig)
		}
		if !got.Category.Valid() || got.Severity != got.Category.Severity() {
			t.Errorf("%q: category %q severity %q", text, got.Category, got.Severity)
		}
	}
}
