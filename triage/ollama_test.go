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
// the bounds must hold: the model is asked about decisions on weak evidence
// (critical ones included) and never about clear ones, and a noisy answer
// is either allowed or rejected. With the server stopped, every
// deterministic decision stands.
func TestSecondOpinionOllama(t *testing.T) {
	if testing.Short() {
		t.Skip("starts an Ollama server")
	}
	const (
		learnedCritical = "Jeg tror ikke jeg ser neste jul, så kan dere stenge abonnementet mitt fra nyttår? Livet har blitt for tungt."
		clearHigh       = "mora mi døde i går, hvordan sier jeg opp strømmen hennes?"
	)
	srv := ollamatest.Start(t)
	c := newTestClassifier(t, WithSecondOpinion(SecondOpinion{Chat: ollama.Wrap(srv.Client), Model: srv.Model, Timeout: 20 * time.Second}))
	deterministic := newTestClassifier(t)
	ctx := context.Background()
	for _, text := range []string{unsureNone, unsureHigh, learnedCritical, critical, clearHigh} {
		before := deterministic.Classify(ctx, text)
		got := c.Classify(ctx, text)
		i := slices.IndexFunc(got.Signals, func(s string) bool { return strings.HasPrefix(s, "model:") })
		t.Logf("%q: %s %s -> %s %v", text, before.Category, before.Evidence, got.Category, got.Signals)
		if before.Evidence == los.EvidenceClear {
			if i >= 0 || got.Category != before.Category {
				t.Errorf("%q: clear %s, got %s %v: want it kept without asking", text, before.Category, got.Category, got.Signals)
			}
			continue
		}
		if i < 0 {
			t.Errorf("%q: signals %v, want the model asked", text, got.Signals)
			continue
		}
		if sig := got.Signals[i]; sig == "model:error" || sig == "model:invalid" {
			t.Errorf("%q: %s, want the server to answer within the schema", text, sig)
		}
		if !got.Category.Valid() || got.Severity != got.Category.Severity() {
			t.Errorf("%q: category %q severity %q", text, got.Category, got.Severity)
		}
		if got.Category != before.Category && got.Category != los.CategoryNone && got.Evidence != los.EvidenceWeak {
			t.Errorf("%q: the model's %s rests on %s evidence, want weak", text, got.Category, got.Evidence)
		}
	}

	// The model is down: the deterministic decisions stand.
	srv.Stop()
	for _, text := range []string{unsureHigh, learnedCritical} {
		want := deterministic.Classify(ctx, text)
		got := c.Classify(ctx, text)
		if got.Category != want.Category || got.Evidence != want.Evidence || !slices.Contains(got.Signals, "model:error") {
			t.Errorf("model down, %q: %s %s %v, want %s %s with model:error", text, got.Category, got.Evidence, got.Signals, want.Category, want.Evidence)
		}
	}
}
