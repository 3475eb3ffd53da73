package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/los-bot/los"
)

// A message sent again with the same client_id (the widget's retry after
// a network error, or a proxy's to another replica) is stored and
// answered once, as JSON and as a stream; the API contract is checked on
// every exchange.
func TestMessageSentAgainIsStoredOnce(t *testing.T) {
	e := newEnv(t, nil)
	id, token := e.start(t)
	path := "/api/v1/conversations/" + id + "/messages"
	const body = `{"text":"Hvordan endrer jeg fakturaadressen min?","client_id":"7c9e6679-7425-40de-944b-e07fc1f90ae7"}`
	turn := func() los.Result {
		t.Helper()
		resp, b := e.do(t, "POST", path, token, body)
		var res los.Result
		if resp.StatusCode != http.StatusOK || json.Unmarshal(b, &res) != nil {
			t.Fatalf("message: %d %s", resp.StatusCode, b)
		}
		return res
	}
	first, again := turn(), turn()
	if first.Repeated || !again.Repeated {
		t.Errorf("repeated = %v then %v, want false then true", first.Repeated, again.Repeated)
	}
	if again.MessageID != first.MessageID || again.Answer != first.Answer || again.Action != first.Action ||
		strings.Join(again.Citations, ",") != strings.Join(first.Citations, ",") {
		t.Errorf("repeat %+v, want the stored reply %+v", again, first)
	}

	// The stream of a repeat: no tokens, the stored citations with their
	// titles, done with the stored reply.
	resp, err := e.stream(path, token, body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := readEvents(t, resp.Body)
	var cites []string
	var done los.Result
	for _, ev := range events {
		switch ev.name {
		case "token":
			t.Errorf("a repeat streamed a token: %s", ev.data)
		case "citation":
			var c struct{ Slug, Title string }
			if json.Unmarshal([]byte(ev.data), &c) != nil || c.Title == "" {
				t.Errorf("citation without a title: %s", ev.data)
			}
			cites = append(cites, c.Slug)
		case "done":
			if err := json.Unmarshal([]byte(ev.data), &done); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !done.Repeated || done.MessageID != first.MessageID || strings.Join(cites, ",") != strings.Join(first.Citations, ",") {
		t.Errorf("streamed repeat: done %+v, citations %v; want the stored reply", done, cites)
	}

	msgs, err := e.db.Messages(context.Background(), id)
	if err != nil || len(msgs) != 2 {
		t.Fatalf("%d messages stored (%v), want the question and its answer once", len(msgs), err)
	}
	// Without a client_id every request is a new message, as before.
	e.do(t, "POST", path, token, `{"text":"Hvordan endrer jeg fakturaadressen min?"}`)
	e.do(t, "POST", path, token, `{"text":"Hvordan endrer jeg fakturaadressen min?"}`)
	if msgs, _ := e.db.Messages(context.Background(), id); len(msgs) != 6 {
		t.Errorf("%d messages after two sends without client_id, want 6", len(msgs))
	}
}

func TestBadClientID(t *testing.T) {
	e := newEnv(t, nil)
	id, token := e.start(t)
	for _, bad := range []string{`""`, `"has space"`, `"` + strings.Repeat("a", 65) + `"`} {
		resp, b := e.do(t, "POST", "/api/v1/conversations/"+id+"/messages", token, `{"text":"Hei","client_id":`+bad+`}`, "Accept-Language", "nb")
		var eb struct {
			Error struct{ Code, Display string }
		}
		if json.Unmarshal(b, &eb) != nil || resp.StatusCode/100 != 4 || eb.Error.Display == "" {
			t.Errorf("client_id %s: %d %s, want a 4xx error the customer can read", bad, resp.StatusCode, b)
		}
	}
	if resp, b := e.do(t, "POST", "/api/v1/conversations/"+id+"/messages", token, `{"text":"Hei","client_id":42}`); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a number as client_id: %d %s, want 400", resp.StatusCode, b)
	}
	if msgs, _ := e.db.Messages(context.Background(), id); len(msgs) != 0 {
		t.Errorf("refused messages stored: %d", len(msgs))
	}
}

func (e *env) stream(path, token, body string) (*http.Response, error) {
	req, err := http.NewRequest("POST", e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "text/event-stream")
	return http.DefaultClient.Do(req)
}
