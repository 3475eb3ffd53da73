package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// openChatStream opens the customer's stream of their conversation; the
// channel closes when the server ends the stream.
func (c *customer) openChatStream(after string) <-chan sse {
	c.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	c.t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", c.base+"/api/v1/conversations/"+c.id+"/stream?after="+after, nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		c.t.Fatalf("stream: %d", resp.StatusCode)
	}
	out := make(chan sse, 64)
	go func() {
		defer close(out)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var ev sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			case line == "" && ev.name != "":
				out <- ev
				ev = sse{}
			}
		}
	}()
	return out
}

// ended waits for the stream to end.
func ended(t *testing.T, events <-chan sse) {
	t.Helper()
	for {
		select {
		case _, ok := <-events:
			if !ok {
				return
			}
		case <-t.Context().Done():
			t.Fatal("stream did not end")
		}
	}
}

func decode[T any](t *testing.T, ev sse) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(ev.data), &v); err != nil {
		t.Fatalf("%s event %q: %v", ev.name, ev.data, err)
	}
	return v
}

// TestCustomerFollowsTheAgentLive: after a handoff the customer's chat
// hears at once of the agent taking over, typing and replying (with
// their name), and the agent hears the customer typing; the stream ends
// when the agent hands the conversation back.
func TestCustomerFollowsTheAgentLive(t *testing.T) {
	e := newDeskEnv(t)
	if err := e.db.SetDisplayName(context.Background(), "kari@example.no", "Kari"); err != nil {
		t.Fatal(err)
	}
	c := e.customer(t)
	// Before a handoff there is nothing to follow: status, then the end.
	before := c.openChatStream("0")
	if st := decode[map[string]string](t, next(t, before, "status")); st["status"] != "open" {
		t.Errorf("status = %v", st)
	}
	ended(t, before)

	c.say(grief)
	_, msgs := c.transcript()
	last := itoa(msgs[len(msgs)-1].ID)
	chat := c.openChatStream(last) // as a chat that shows everything so far
	if st := decode[map[string]string](t, next(t, chat, "status")); st["status"] != "waiting" {
		t.Errorf("status = %v", st)
	}
	kari := e.login(t, "kari@example.no")
	inbox := kari.openStream(t)
	nextQueue(t, inbox, func(q queueResp) bool { return len(q.Items) == 1 })

	kari.mustDo(http.StatusOK, "POST", "/api/v1/agent/conversations/"+c.id+"/claim", "")
	type msg struct {
		ID         int64  `json:"id"`
		Role       string `json:"role"`
		Text       string `json:"text"`
		Created    string `json:"created"`
		AuthorName string `json:"author_name"`
	}
	if m := decode[msg](t, next(t, chat, "message")); m.Role != "system" || !strings.HasPrefix(m.Text, "Kari fra kundeservice har tatt over") || m.Created == "" {
		t.Errorf("notice = %+v", m)
	}
	if st := decode[map[string]string](t, next(t, chat, "status")); st["status"] != "agent" {
		t.Errorf("status = %v", st)
	}

	kari.mustDo(http.StatusNoContent, "POST", "/api/v1/agent/conversations/"+c.id+"/typing", "")
	if ty := decode[map[string]string](t, next(t, chat, "typing")); ty["name"] != "Kari" {
		t.Errorf("typing = %v", ty)
	}
	if resp, body := e.login(t, "ola@example.no").do("POST", "/api/v1/agent/conversations/"+c.id+"/typing", ""); resp.StatusCode != http.StatusConflict {
		t.Errorf("typing by an agent who does not hold it: %d %s", resp.StatusCode, body)
	}
	kari.mustDo(http.StatusCreated, "POST", "/api/v1/agent/conversations/"+c.id+"/messages", `{"text":"Hei, jeg heter Kari."}`)
	if m := decode[msg](t, next(t, chat, "message")); m.Role != "agent" || m.Text != "Hei, jeg heter Kari." || m.AuthorName != "Kari" {
		t.Errorf("reply = %+v", m)
	}

	if resp, body := c.do("POST", "/api/v1/conversations/"+c.id+"/typing", ""); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("customer typing: %d %s", resp.StatusCode, body)
	}
	if ty := decode[map[string]string](t, next(t, inbox, "typing")); ty["id"] != c.id || ty["who"] != "customer" {
		t.Errorf("inbox typing = %v", ty)
	}

	// A chat that reconnects hears what came after the last message it
	// shows, and nothing before.
	again := c.openChatStream(last)
	if m := decode[msg](t, next(t, again, "message")); m.Role != "system" {
		t.Errorf("first message after the last shown = %+v; want the notice", m)
	}

	kari.mustDo(http.StatusOK, "POST", "/api/v1/agent/conversations/"+c.id+"/handback", "")
	if m := decode[msg](t, next(t, chat, "message")); m.Role != "system" || !strings.Contains(m.Text, "Los") {
		t.Errorf("hand-back notice = %+v", m)
	}
	if st := decode[map[string]string](t, next(t, chat, "status")); st["status"] != "open" {
		t.Errorf("status = %v", st)
	}
	ended(t, chat)
}
