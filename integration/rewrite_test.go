package integration

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/ollama"
)

// TestRewriterOnRealOllama plays a three-message conversation with the
// standalone question written by the real Ollama adapter and the tiny
// test model. Its questions are noise, so the test holds the mechanics:
// every turn is answered, the rewriter is asked for each later message,
// a garbage answer or a late one falls back to the heuristic reading of
// the conversation (which finds the topic's article for the elliptic
// follow-up), and a frozen runner does not hold the turn beyond the
// rewriter's deadline.
func TestRewriterOnRealOllama(t *testing.T) {
	srv, model := startOllama(t)
	s := newStack(t, srv, model, func(c *bot.Config) {
		c.Generator = nil // extractive answers: the retrieval shows which query was used
		c.Triager = nil
		c.Rewriter = &ollama.Rewriter{Chat: ollama.Wrap(srv.Client), Model: model,
			Options: map[string]any{"temperature": 0, "seed": 1, "num_predict": 32}}
		c.RewriteTimeout = 20 * time.Second
	})
	id := s.conversation(t, "rewrite")
	ask := func(text string) los.Result {
		t.Helper()
		res, err := s.bot.Turn(context.Background(), los.TurnRequest{ConversationID: id, Text: text, Lang: los.Bokmal})
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		return res
	}
	first := ask("har dere bredbånd via 5G?")
	if len(first.Citations) == 0 || first.Citations[0] != "bredband-via-5g" {
		t.Fatalf("first message cites %v", first.Citations)
	}
	if n := len(s.logs.lines("standalone question")); n != 0 {
		t.Errorf("the rewriter was asked about a first message (%d log lines)", n)
	}

	follow := ask("og hva koster det?")
	asked := s.logs.lines("standalone question")
	if len(asked) != 1 {
		t.Fatalf("%d log lines about the standalone question after the follow-up, want 1:\n%s", len(asked), s.logs)
	}
	if strings.Contains(asked[0], "not written") && (len(follow.Citations) == 0 || follow.Citations[0] != "bredband-via-5g") {
		t.Errorf("after the fallback the follow-up cites %v, want bredband-via-5g", follow.Citations)
	}

	// A frozen runner: the rewriter's deadline ends the wait.
	s.retune(func(c *bot.Config) { c.RewriteTimeout = 300 * time.Millisecond })
	srv.PauseRunner(t)
	late := ask("og hvor fort blir den levert?")
	if late.Answer == "" {
		t.Error("no answer while the model was frozen")
	}
	if n := len(s.logs.lines("standalone question not written")); n < 1 {
		t.Errorf("the log does not say the late rewrite was given up:\n%s", s.logs)
	}
}
