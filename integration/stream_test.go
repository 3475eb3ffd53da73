package integration

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/los-bot/los"
)

// The tiny model writes gibberish and cites nothing, so these tests check
// the mechanics of streaming, not the answer: tokens arrive one by one, the
// turn is generated, cites the best source (as mapCitations does for an
// answer without citations) and the stored reply is the final answer.

func TestStreamedTurnThroughBot(t *testing.T) {
	srv, model := startOllama(t)
	s := newStack(t, srv, model, nil)
	id := s.conversation(t, "stream-bot")
	res, tokens := s.turn(t, id, nil)

	if res.Mode != los.ModeGenerated {
		t.Fatalf("mode %s, want generated; log:\n%s", res.Mode, s.logs)
	}
	if len(tokens) < 2 {
		t.Errorf("OnToken called %d times, want several (num_predict 16)", len(tokens))
	}
	if streamed := strings.Join(tokens, ""); squeeze(streamed) != squeeze(res.Answer) {
		t.Errorf("answer %q is not the streamed text %q", res.Answer, streamed)
	}
	if len(res.Citations) == 0 || len(res.Sources) == 0 || res.Citations[0] != res.Sources[0].Slug {
		t.Errorf("citations %v, want the best source first (sources %v)", res.Citations, res.Sources)
	}
	if res.Timings.FirstTokenMS <= 0 {
		t.Errorf("first token after %v ms, want a measured time", res.Timings.FirstTokenMS)
	}
	replies := s.replies(t, id)
	if len(replies) != 1 || replies[0].Text != res.Answer || replies[0].Mode != los.ModeGenerated || replies[0].ID != res.MessageID {
		t.Errorf("stored replies %+v, want one generated reply equal to the answer %q (id %d)", replies, res.Answer, res.MessageID)
	}

	// The same question gives the same answer: the options reach the model.
	again, _ := s.turn(t, s.conversation(t, "stream-bot-2"), nil)
	if again.Answer != res.Answer {
		t.Errorf("with temperature 0 and seed 1 the answers differ: %q, then %q", res.Answer, again.Answer)
	}
}

func TestStreamedTurnOverSSE(t *testing.T) {
	srv, model := startOllama(t)
	s := newStack(t, srv, model, nil)
	id, token := s.start(t)
	events := s.stream(t, id, token, question)

	var names []string
	tokens, doneAt := 0, -1
	for i, e := range events {
		names = append(names, e.name)
		switch e.name {
		case "token":
			if doneAt >= 0 {
				t.Errorf("token event after done: %v", names)
			}
			tokens++
		case "done":
			doneAt = i
		case "error":
			t.Fatalf("error event: %s", e.data)
		}
	}
	if doneAt != len(events)-1 {
		t.Fatalf("events %v, want done last", names)
	}
	if tokens < 2 {
		t.Errorf("%d token events before done, want several: %v", tokens, names)
	}
	var done turnResult
	if err := json.Unmarshal([]byte(events[doneAt].data), &done); err != nil {
		t.Fatalf("done event %s: %v", events[doneAt].data, err)
	}
	if done.Mode != "generated" || done.Answer == "" || len(done.Citations) == 0 {
		t.Errorf("done %+v, want a generated answer with a citation", done)
	}

	// The transcript holds the customer's message and the final answer.
	resp, body := s.request(t, "GET", "/api/v1/conversations/"+id, token, "")
	var tr struct {
		Messages []struct{ Role, Text, Mode string }
	}
	if err := json.Unmarshal(body, &tr); err != nil || resp.StatusCode != 200 {
		t.Fatalf("transcript: %d %s", resp.StatusCode, body)
	}
	if len(tr.Messages) != 2 || tr.Messages[1].Role != "bot" || tr.Messages[1].Text != done.Answer || tr.Messages[1].Mode != "generated" {
		t.Errorf("transcript %+v, want the question and the streamed answer %q", tr.Messages, done.Answer)
	}
}

var marker = regexp.MustCompile(`\[\d{1,2}\]`)

// squeeze drops what the bot may change in a streamed answer when it maps
// citations: [n] markers and white space.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, marker.ReplaceAllString(s, ""))
}
