package integration

import (
	"context"
	"encoding/json"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/internal/ollamatest"
	"github.com/los-bot/los/ollama"
)

// TestMissingChatModel: the configured chat model is not on the server.
// Customers get extractive answers turn after turn (streamed like any
// answer), and the operator gets
// one log line that says what to run, not one per turn.
func TestMissingChatModel(t *testing.T) {
	srv, model := startOllama(t)
	s := newStack(t, srv, model, func(c *bot.Config) { c.ChatModel = "mangler:7b" })
	for i := range 3 {
		id := s.conversation(t, "missing-"+string(rune('a'+i)))
		res, tokens := s.turn(t, id, nil)
		if res.Mode != los.ModeExtractive || res.Answer == "" || len(res.Citations) == 0 {
			t.Errorf("turn %d: mode %s, answer %q, citations %v; want an extractive answer with a citation", i, res.Mode, res.Answer, res.Citations)
		}
		// The extractive answer streams in pieces like a generated one;
		// nothing else (nothing from the missing model) may arrive.
		if got := strings.Join(tokens, ""); got != res.Answer {
			t.Errorf("turn %d: tokens spell %q, not the extractive answer", i, got)
		}
		if r := s.replies(t, id); len(r) != 1 || r[0].Text != res.Answer {
			t.Errorf("turn %d: stored %+v, want the one answer", i, r)
		}
	}
	// Over the API as well.
	id, token := s.start(t)
	events := s.stream(t, id, token, question)
	var done turnResult
	if last := events[len(events)-1]; last.name != "done" || json.Unmarshal([]byte(last.data), &done) != nil || done.Mode != "extractive" {
		t.Errorf("API turn ended with %s %s, want done with an extractive answer", last.name, last.data)
	}

	fixes := s.logs.lines("ollama pull mangler:7b")
	if len(fixes) != 1 {
		t.Fatalf("%d log lines say \"ollama pull mangler:7b\", want exactly 1:\n%s", len(fixes), s.logs)
	}
	if !strings.Contains(fixes[0], "level=ERROR") || !strings.Contains(fixes[0], "missing") {
		t.Errorf("the line is not a clear error about a missing model: %s", fixes[0])
	}
}

// TestServerKilledMidStream: the server dies after the first token. The
// turn notices that no done came, answers extractively and stores one
// complete reply; once the server is back, answers are generated again.
func TestServerKilledMidStream(t *testing.T) {
	srv, model := startOllama(t)
	s := newStack(t, srv, model, func(c *bot.Config) {
		c.Options = tinyOptions()
		c.Options["num_predict"] = -1 // endless: the stream cannot end before the kill lands
	})
	id := s.conversation(t, "killed")
	var kill sync.Once
	res, tokens := s.turn(t, id, func(string) { kill.Do(srv.Kill) })

	if len(tokens) == 0 {
		t.Fatalf("no token arrived; log:\n%s", s.logs)
	}
	if res.Mode != los.ModeExtractive || res.Answer == "" || len(res.Citations) == 0 {
		t.Errorf("mode %s, answer %q, citations %v; want an extractive answer", res.Mode, res.Answer, res.Citations)
	}
	if strings.Contains(res.Answer, strings.Join(tokens, "")) {
		t.Errorf("the answer keeps the broken stream %q", strings.Join(tokens, ""))
	}
	if len(s.logs.lines("stream broke off")) != 1 {
		t.Errorf("the log does not say the stream broke off:\n%s", s.logs)
	}
	if r := s.replies(t, id); len(r) != 1 || r[0].Text != res.Answer || r[0].Mode != los.ModeExtractive {
		t.Errorf("stored %+v, want one extractive reply equal to the answer", r)
	}

	srv.Restart(t)
	s.retune(func(c *bot.Config) { c.Options = tinyOptions() }) // answers of 16 tokens again
	res, tokens = s.turn(t, s.conversation(t, "after-restart"), nil)
	if res.Mode != los.ModeGenerated || len(tokens) < 2 {
		t.Errorf("after restart: mode %s with %d tokens, want generated; log:\n%s", res.Mode, len(tokens), s.logs)
	}
}

// killer is a Generator that kills the server once the first token of a
// stream has arrived, so that the API's SSE path meets a broken stream.
type killer struct {
	srv  *ollamatest.Server
	once sync.Once
}

func (k *killer) Chat(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error {
	return ollama.Wrap(k.srv.Client).Chat(ctx, req, func(r los.ChatResponse) error {
		err := fn(r)
		if r.Content != "" {
			k.once.Do(k.srv.Kill)
		}
		return err
	})
}

func TestServerKilledMidStreamOverSSE(t *testing.T) {
	srv, model := startOllama(t)
	s := newStack(t, srv, model, func(c *bot.Config) {
		c.Generator = &killer{srv: srv}
		c.Options = tinyOptions()
		c.Options["num_predict"] = -1
	})
	id, token := s.start(t)
	events := s.stream(t, id, token, question)
	var names []string
	for _, e := range events {
		names = append(names, e.name)
	}
	if len(events) < 3 || events[1].name != "token" || events[len(events)-1].name != "done" {
		t.Fatalf("events %v, want ready, token..., citation..., done", names)
	}
	var done turnResult
	if err := json.Unmarshal([]byte(events[len(events)-1].data), &done); err != nil || done.Mode != "extractive" {
		t.Fatalf("done %s (%v), want an extractive answer superseding the tokens", events[len(events)-1].data, err)
	}
	if r := s.replies(t, id); len(r) != 1 || r[0].Text != done.Answer {
		t.Errorf("stored %+v, want the one extractive answer of the done event", r)
	}
}

// TestSlowFirstToken: the model runner is frozen, so the API accepts the
// chat and no token comes. The turn falls back within about the deadline,
// the late stream is cancelled (no goroutine stays behind), and once the
// runner resumes the next turn is generated.
func TestSlowFirstToken(t *testing.T) {
	const deadline = 500 * time.Millisecond
	srv, model := startOllama(t)
	s := newStack(t, srv, model, func(c *bot.Config) { c.FirstToken = deadline })
	// Load the model without a deadline, so that a runner exists to freeze.
	err := srv.Client.Chat(context.Background(), &api.ChatRequest{Model: model, Options: tinyOptions(),
		Messages: []api.Message{{Role: "user", Content: question}}}, func(api.ChatResponse) error { return nil })
	if err != nil {
		t.Fatal(err)
	}

	srv.PauseRunner(t)
	before := runtime.NumGoroutine()
	id := s.conversation(t, "slow")
	start := time.Now()
	res, tokens := s.turn(t, id, nil)
	took := time.Since(start)

	if got := strings.Join(tokens, ""); res.Mode != los.ModeExtractive || got != res.Answer {
		t.Errorf("mode %s with tokens %q, want extractive with only its own answer streamed", res.Mode, got)
	}
	retrieval := time.Duration(res.Timings.RetrieveMS * float64(time.Millisecond))
	if took < deadline || took-retrieval > deadline+time.Second {
		t.Errorf("fallback after %v (%v retrieving), want about the first-token deadline %v", took, retrieval, deadline)
	}
	if len(s.logs.lines("model too slow")) != 1 {
		t.Errorf("the log does not say the model was too slow:\n%s", s.logs)
	}
	if r := s.replies(t, id); len(r) != 1 || r[0].Text != res.Answer {
		t.Errorf("stored %+v, want the one extractive answer", r)
	}
	if n, ok := settleGoroutines(before, 5*time.Second); !ok {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines remain, %d before the turn: the late stream was not cancelled\n%s",
			n, before, buf[:runtime.Stack(buf, true)])
	}

	resumeRunners(srv)
	// The deadline has been shown to hold; a loaded test machine need not
	// meet it for the next turn to be generated.
	s.retune(func(c *bot.Config) { c.FirstToken = 20 * time.Second })
	res, tokens = s.turn(t, s.conversation(t, "resumed"), nil)
	if res.Mode != los.ModeGenerated || len(tokens) < 2 {
		t.Errorf("after resume: mode %s with %d tokens, want generated; log:\n%s", res.Mode, len(tokens), s.logs)
	}
}

// settleGoroutines waits, up to limit, until no more goroutines run than
// want. Goroutines of a cancelled request end shortly after the request
// returns; polling sees that without guessing a sleep.
func settleGoroutines(want int, limit time.Duration) (int, bool) {
	deadline := time.Now().Add(limit)
	for {
		n := runtime.NumGoroutine()
		if n <= want {
			return n, true
		}
		if time.Now().After(deadline) {
			return n, false
		}
		runtime.Gosched()
		time.Sleep(10 * time.Millisecond) // poll interval, not synchronisation
	}
}

// resumeRunners continues runners frozen by PauseRunner before the test's
// cleanup does.
func resumeRunners(srv *ollamatest.Server) {
	for _, pid := range srv.RunnerPIDs() {
		syscall.Kill(pid, syscall.SIGCONT)
	}
}
