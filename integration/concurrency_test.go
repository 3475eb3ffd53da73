package integration

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/los-bot/los/bot"
)

// TestConcurrentTurnsOverHTTP sends 20 turns at once, half of them streamed,
// through the API to the real server: every one completes with a generated
// answer and is stored in SQLite exactly once.
func TestConcurrentTurnsOverHTTP(t *testing.T) {
	const n = 20
	srv, model := startOllama(t)
	s := newStack(t, srv, model, func(c *bot.Config) {
		// 20 prompts queue for the server's 4 slots on a shared 2-core
		// machine: the last first token may come late.
		c.FirstToken, c.Generation = 40*time.Second, 60*time.Second
		c.Sources = 1 // a shorter prompt: the server's work, not Los's, dominates
	})
	type conv struct{ id, token string }
	convs := make([]conv, n)
	for i := range convs {
		convs[i].id, convs[i].token = s.start(t)
	}

	answers := make([]turnResult, n)
	errs := make([]string, n)
	var wg sync.WaitGroup
	for i, c := range convs {
		wg.Go(func() {
			if i%2 == 0 {
				events, err := s.streamErr(c.id, c.token, question)
				if err != nil {
					errs[i] = err.Error()
					return
				}
				if len(events) == 0 || events[len(events)-1].name != "done" {
					errs[i] = "stream did not end with done"
					return
				}
				if err := json.Unmarshal([]byte(events[len(events)-1].data), &answers[i]); err != nil {
					errs[i] = err.Error()
				}
				return
			}
			resp, body, err := s.do("POST", "/api/v1/conversations/"+c.id+"/messages", c.token, `{"text":"`+question+`"}`)
			if err != nil {
				errs[i] = err.Error()
				return
			}
			if resp.StatusCode != http.StatusOK {
				errs[i] = resp.Status + " " + string(body)
				return
			}
			if err := json.Unmarshal(body, &answers[i]); err != nil {
				errs[i] = err.Error()
			}
		})
	}
	wg.Wait()

	for i, c := range convs {
		if errs[i] != "" {
			t.Errorf("turn %d: %s", i, errs[i])
			continue
		}
		if answers[i].Mode != "generated" || answers[i].Answer == "" {
			t.Errorf("turn %d: mode %q, answer %q; want a generated answer", i, answers[i].Mode, answers[i].Answer)
		}
		replies := s.replies(t, c.id)
		if len(replies) != 1 || replies[0].Text != answers[i].Answer {
			t.Errorf("turn %d: stored replies %+v, want the one answer %q", i, replies, answers[i].Answer)
		}
	}
	if t.Failed() {
		t.Logf("log:\n%s", tail(s.logs.String(), 30))
	}
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
