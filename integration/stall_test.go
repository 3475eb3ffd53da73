package integration

import (
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/ollama"
)

// TestStreamStallsAfterFirstToken (issue 18, item 6): the model runner is
// frozen right after the first token, so the stream stalls with the
// server still up. The turn gives up after the inter-token deadline, not
// the generation timeout, and falls back as for a missing done: one
// extractive answer superseding the tokens, reason token_timeout. The pool
// takes the slow host out of service.
func TestStreamStallsAfterFirstToken(t *testing.T) {
	const stall = 500 * time.Millisecond
	srv, model := startOllama(t)
	pool := newPool(t, model, ollama.PoolConfig{}, srv.URL.String())
	seen := &fallbacks{}
	s := newStack(t, srv, model, func(c *bot.Config) {
		c.Generator, c.Observer = pool, seen
		c.TokenTimeout, c.Generation = stall, 40*time.Second
		c.Options = tinyOptions()
		c.Options["num_predict"] = -1 // endless: only the freeze ends the tokens
	})
	id := s.conversation(t, "stalled")
	paused := false
	start := time.Now()
	res, tokens := s.turn(t, id, func(string) {
		if !paused {
			paused = true
			srv.PauseRunner(t)
		}
	})
	took := time.Since(start)

	if len(tokens) == 0 || res.Mode != los.ModeExtractive || seen.list() != "token_timeout" {
		t.Fatalf("%d tokens, %s, fallbacks %q; want tokens, then extractive for token_timeout; log:\n%s", len(tokens), res.Mode, seen.list(), s.logs)
	}
	if took < stall || took > 20*time.Second {
		t.Errorf("the turn took %v; want the inter-token deadline (%v) to end it, far before the generation timeout", took, stall)
	}
	if strings.Contains(res.Answer, strings.Join(tokens, "")) {
		t.Errorf("the answer keeps the stalled stream %q", strings.Join(tokens, ""))
	}
	if len(s.logs.lines("model stream stalled")) != 1 {
		t.Errorf("the log does not say the stream stalled:\n%s", s.logs)
	}
	if r := s.replies(t, id); len(r) != 1 || r[0].Text != res.Answer || r[0].Mode != los.ModeExtractive {
		t.Errorf("stored %+v, want one extractive reply equal to the answer", r)
	}
	if h := pool.Hosts()[0]; h.State != los.HostDown || h.Failures["too_slow"] != 1 {
		t.Errorf("host %+v, want out of service as too slow", h)
	}
	resumeRunners(srv)
}
