package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/store"
)

type closedJSON struct {
	Status       los.Status      `json:"status"`
	Messages     []transcriptMsg `json:"messages"`
	CSATAnswered bool            `json:"csat_answered"`
}

// close presses "Avslutt samtalen" with c's token.
func (c *customer) close() (int, closedJSON, string) {
	c.t.Helper()
	resp, body := c.do("POST", "/api/v1/conversations/"+c.id+"/close", "")
	var out closedJSON
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal([]byte(body), &out); err != nil {
			c.t.Fatalf("close: %v in %s", err, body)
		}
	}
	return resp.StatusCode, out, body
}

// closeEvents returns the data of the conversation.closed events of id.
func closeEvents(t *testing.T, db *store.DB, id string) []map[string]any {
	t.Helper()
	evs, err := db.Events(context.Background(), 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, ev := range evs {
		if ev.Type != los.EventConversationClose || ev.ConversationID != id {
			continue
		}
		var data map[string]any
		if err := json.Unmarshal(ev.Data, &data); err != nil {
			t.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

func TestCustomerCloseAuth(t *testing.T) {
	e := newDeskEnv(t)
	c := e.customer(t)
	c.say("Hvor finner jeg fakturaen?")
	path := "/api/v1/conversations/" + c.id + "/close"
	tests := []struct {
		name   string
		do     func() int
		status int
	}{
		{name: "no token", status: http.StatusUnauthorized, do: func() int {
			cc := *c
			cc.token = ""
			resp, _ := cc.do("POST", path, "")
			return resp.StatusCode
		}},
		{name: "wrong token", status: http.StatusUnauthorized, do: func() int {
			cc := *c
			cc.token = "lct_wrong"
			resp, _ := cc.do("POST", path, "")
			return resp.StatusCode
		}},
		{name: "another conversation's token", status: http.StatusUnauthorized, do: func() int {
			cc := *e.customer(t)
			resp, _ := cc.do("POST", path, "")
			return resp.StatusCode
		}},
		{name: "unknown conversation", status: http.StatusUnauthorized, do: func() int {
			resp, _ := c.do("POST", "/api/v1/conversations/nope/close", "")
			return resp.StatusCode
		}},
		{name: "key without the chat scope", status: http.StatusForbidden, do: func() int {
			st, _ := e.key(t, auth.ScopeAgent).do("POST", path, "")
			return st
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.do(); got != tt.status {
				t.Errorf("status %d, want %d", got, tt.status)
			}
		})
	}
	if status, _ := c.transcript(); status != los.StatusOpen {
		t.Fatalf("refused requests changed the status to %s", status)
	}
	// A key with the chat scope acts for the customers of the
	// conversations it started, as on the sibling routes, and on no other.
	crm := e.key(t, auth.ScopeChat)
	if st, body := crm.do("POST", path, ""); st != http.StatusNotFound {
		t.Errorf("a chat key closing a customer's own conversation: %d %s, want 404", st, body)
	}
	var mine struct{ ID string }
	crm.decode("POST", "/api/v1/conversations", "", http.StatusCreated, &mine)
	var tr closedJSON
	crm.decode("POST", "/api/v1/conversations/"+mine.ID+"/close", "", http.StatusOK, &tr)
	if tr.Status != los.StatusClosed {
		t.Errorf("closed with a chat key: status %s", tr.Status)
	}
}

func TestCustomerCloseIsIdempotent(t *testing.T) {
	e := newDeskEnv(t)
	c := e.customer(t)
	c.say("Hvor finner jeg fakturaen?")
	st, first, body := c.close()
	if st != http.StatusOK || first.Status != los.StatusClosed || first.CSATAnswered {
		t.Fatalf("close: %d %s", st, body)
	}
	last := first.Messages[len(first.Messages)-1]
	if last.Role != los.RoleSystem || !strings.Contains(last.Text, "Du har avsluttet samtalen") || !strings.Contains(last.Text, "ny samtale") {
		t.Errorf("the customer is not told it ended: %+v", last)
	}
	st, again, body := c.close()
	if st != http.StatusOK || again.Status != los.StatusClosed || len(again.Messages) != len(first.Messages) {
		t.Errorf("closing again: %d %s; want 200, the same %d messages", st, body, len(first.Messages))
	}
	if evs := closeEvents(t, e.db, c.id); len(evs) != 1 || evs[0]["reason"] != "customer" || evs[0]["handoff_id"] != nil {
		t.Errorf("conversation.closed events = %v, want one with reason customer, no handoff", evs)
	}
	if resp, body := c.do("POST", "/api/v1/conversations/"+c.id+"/messages", `{"text":"Hallo?"}`); resp.StatusCode != http.StatusConflict {
		t.Errorf("a message to the closed conversation: %d %s", resp.StatusCode, body)
	}
}

func TestCustomerCloseInNynorsk(t *testing.T) {
	e := newDeskEnv(t)
	c := &customer{t: t, base: e.srv.URL}
	resp, body := c.do("POST", "/api/v1/conversations", `{"lang":"nn"}`)
	var created struct{ ID, Token string }
	if resp.StatusCode != http.StatusCreated || json.Unmarshal([]byte(body), &created) != nil {
		t.Fatalf("create: %d %s", resp.StatusCode, body)
	}
	c.id, c.token = created.ID, created.Token
	c.say("Kvar finn eg fakturaen?")
	_, tr, body := c.close()
	if last := tr.Messages[len(tr.Messages)-1]; !strings.Contains(last.Text, "Du har avslutta samtalen") {
		t.Errorf("notice in nn: %s", body)
	}
}

func TestCustomerClosesAHeldConversation(t *testing.T) {
	e := newDeskEnv(t)
	kari := e.login(t, "kari@example.no")
	events := kari.openStream(t)
	nextQueue(t, events, func(q queueResp) bool { return len(q.Items) == 0 })
	c := e.customer(t)
	c.askForHuman()
	path := "/api/v1/agent/conversations/" + c.id
	if resp, body := kari.do("POST", path+"/claim", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("claim: %d %s", resp.StatusCode, body)
	}
	nextQueue(t, events, func(q queueResp) bool { return len(q.Items) == 1 && q.Items[0].Mine })

	if st, tr, body := c.close(); st != http.StatusOK || tr.Status != los.StatusClosed {
		t.Fatalf("close: %d %s", st, body)
	}
	// The inbox hears of it at once: the queue empties, the open
	// conversation changed.
	nextQueue(t, events, func(q queueResp) bool { return len(q.Items) == 0 })
	if ev := next(t, events, "conversation"); !strings.Contains(ev.data, c.id) {
		t.Errorf("conversation event = %s", ev.data)
	}
	var detail struct {
		Status  los.Status `json:"status"`
		Mine    bool       `json:"mine"`
		Handoff struct {
			Status string `json:"status"`
		} `json:"handoff"`
		Messages []transcriptMsg `json:"messages"`
	}
	_, body := kari.do("GET", path, "")
	if err := json.Unmarshal([]byte(body), &detail); err != nil || detail.Status != los.StatusClosed || detail.Handoff.Status != "closed" || detail.Mine {
		t.Errorf("the agent's view after the customer closed: %s", body)
	}
	if last := detail.Messages[len(detail.Messages)-1]; last.Role != los.RoleSystem || !strings.Contains(last.Text, "Du har avsluttet") {
		t.Errorf("the agent's transcript does not show who ended it: %+v", last)
	}
	if resp, body := kari.do("POST", path+"/messages", `{"text":"Er du der?"}`); resp.StatusCode != http.StatusConflict {
		t.Errorf("a reply after the customer closed: %d %s", resp.StatusCode, body)
	}
	evs := closeEvents(t, e.db, c.id)
	if len(evs) != 1 || evs[0]["reason"] != "customer" || evs[0]["handoff_id"] == nil || evs[0]["outcome"] != "customer_closed" {
		t.Errorf("conversation.closed events = %v, want one with reason customer and the handoff", evs)
	}
}

func TestCustomerDeletesAQueuedConversation(t *testing.T) {
	e := newDeskEnv(t)
	kari := e.login(t, "kari@example.no")
	events := kari.openStream(t)
	nextQueue(t, events, func(q queueResp) bool { return len(q.Items) == 0 })
	c := e.customer(t)
	c.askForHuman()
	nextQueue(t, events, func(q queueResp) bool { return len(q.Items) == 1 })
	if resp, body := c.do("DELETE", "/api/v1/conversations/"+c.id, ""); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("delete: %d %s", resp.StatusCode, body)
	}
	// The inbox drops it at once, and the conversation is gone for the agent.
	nextQueue(t, events, func(q queueResp) bool { return len(q.Items) == 0 })
	if resp, body := kari.do("GET", "/api/v1/agent/conversations/"+c.id, ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the agent can still open it: %d %s", resp.StatusCode, body)
	}
}
