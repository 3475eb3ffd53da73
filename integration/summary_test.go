package integration

import (
	"context"
	"strings"
	"testing"

	"github.com/los-bot/los"
)

// TestHandoffSummaryFromTheModel: a self-harm message through the API is
// handed over at once with crisis numbers, queued with the extractive
// summary, and then the real model's summary replaces it in the queue.
func TestHandoffSummaryFromTheModel(t *testing.T) {
	srv, model := startOllama(t)
	s := newStack(t, srv, model, nil)
	id, token := s.start(t)
	resp, body := s.request(t, "POST", "/api/v1/conversations/"+id+"/messages", token, `{"text":"Jeg orker ikke mer, jeg vil ikke leve lenger"}`)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"handoff_now"`) || !strings.Contains(string(body), "116 123") {
		t.Fatalf("turn: %d %s; want handoff_now with crisis numbers", resp.StatusCode, body)
	}
	s.bot.Wait()
	q, err := s.db.Queue(context.Background())
	if err != nil || len(q) != 1 || q[0].ConversationID != id || q[0].Category != los.CategorySelfHarm {
		t.Fatalf("queue = %+v, %v", q, err)
	}
	if !q[0].SummaryByModel || q[0].Summary == "" || strings.Contains(q[0].Summary, "Oppdaget:") {
		t.Errorf("summary = %q (by model: %v), want the model's summary, marked as such", q[0].Summary, q[0].SummaryByModel)
	}
}
