package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestConversationNamesThePreviousOne: a new conversation may name the one
// the same browser had before, within seven days; an unknown or older one
// is ignored, and nothing fails because of it.
func TestConversationNamesThePreviousOne(t *testing.T) {
	e := newDeskEnv(t)
	first := e.customer(t)
	first.say("Hvordan endrer jeg fakturaadressen?")
	create := func(body string) string {
		t.Helper()
		c := &customer{t: t, base: e.srv.URL}
		resp, out := c.do("POST", "/api/v1/conversations", body)
		var created struct{ ID string }
		if resp.StatusCode != http.StatusCreated || json.Unmarshal([]byte(out), &created) != nil {
			t.Fatalf("create with %s: %d %s", body, resp.StatusCode, out)
		}
		conv, err := e.db.Conversation(context.Background(), created.ID)
		if err != nil {
			t.Fatal(err)
		}
		return conv.Previous
	}
	e.clock.add(3 * 24 * time.Hour)
	if got := create(`{"previous":"` + first.id + `"}`); got != first.id {
		t.Errorf("three days later: previous %q, want %q", got, first.id)
	}
	if got := create(`{"previous":"finnes-ikke"}`); got != "" {
		t.Errorf("unknown: previous %q", got)
	}
	if got := create(`{"previous":"` + strings.Repeat("x", 200) + `"}`); got != "" {
		t.Errorf("too long: previous %q", got)
	}
	e.clock.add(5 * 24 * time.Hour)
	if got := create(`{"previous":"` + first.id + `"}`); got != "" {
		t.Errorf("eight days later: previous %q, want none", got)
	}
}
