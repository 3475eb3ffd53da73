package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// agentNameOf reads the transcript's agent_name (and whether it is
// there at all).
func (c *customer) agentNameOf() (string, bool) {
	c.t.Helper()
	resp, body := c.do("GET", "/api/v1/conversations/"+c.id, "")
	var tr map[string]any
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(body), &tr) != nil {
		c.t.Fatalf("transcript: %d %s", resp.StatusCode, body)
	}
	name, ok := tr["agent_name"].(string)
	return name, ok
}

// TestCustomerSeesWhoTookOver: the moment an agent with a display name
// takes over, the customer's stream says who (in the status event) and
// so does the transcript, before the agent has written anything; an
// agent without a display name is never named, least of all by e-mail.
func TestCustomerSeesWhoTookOver(t *testing.T) {
	e := newDeskEnv(t)
	if err := e.db.SetDisplayName(context.Background(), "kari@example.no", "Kari"); err != nil {
		t.Fatal(err)
	}
	c := e.customer(t)
	c.say(grief)
	if name, ok := c.agentNameOf(); ok {
		t.Errorf("waiting transcript names %q; nobody holds it yet", name)
	}
	_, msgs := c.transcript()
	chat := c.openChatStream(itoa(msgs[len(msgs)-1].ID))
	if st := decode[map[string]string](t, next(t, chat, "status")); st["status"] != "waiting" || st["agent_name"] != "" {
		t.Errorf("status = %v; want waiting, nobody named", st)
	}

	e.login(t, "kari@example.no").mustDo(http.StatusOK, "POST", "/api/v1/agent/conversations/"+c.id+"/claim", "")
	if st := decode[map[string]string](t, next(t, chat, "status")); st["status"] != "agent" || st["agent_name"] != "Kari" {
		t.Errorf("status after Kari's claim = %v; want agent, Kari", st)
	}
	if name, _ := c.agentNameOf(); name != "Kari" {
		t.Errorf("transcript agent_name = %q; want Kari", name)
	}
	_, msgs = c.transcript()
	for _, m := range msgs {
		if m.Role == "agent" {
			t.Fatalf("agent message %+v before the check; the name must come from the claim", m)
		}
	}

	// Ola has no display name: the chat says "a customer service agent".
	o := e.customer(t)
	o.say(grief)
	_, msgs = o.transcript()
	chat = o.openChatStream(itoa(msgs[len(msgs)-1].ID))
	next(t, chat, "status")
	e.login(t, "ola@example.no").mustDo(http.StatusOK, "POST", "/api/v1/agent/conversations/"+o.id+"/claim", "")
	ev := next(t, chat, "status")
	if st := decode[map[string]string](t, ev); st["status"] != "agent" || strings.Contains(ev.data, "agent_name") || strings.Contains(ev.data, "@") {
		t.Errorf("status after Ola's claim = %s; want agent with no name", ev.data)
	}
	if name, ok := o.agentNameOf(); ok {
		t.Errorf("transcript names Ola %q; he has no display name", name)
	}
}
