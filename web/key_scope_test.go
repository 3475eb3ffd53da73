package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
)

// TestChatKeysReachOnlyTheirConversations: a chat-scope key reads,
// exports, writes in and deletes the conversations it started, and no
// other (the audit found that any chat key could read, export and delete
// any conversation); every request it makes, reads and refusals
// included, is in the audit log.
func TestChatKeysReachOnlyTheirConversations(t *testing.T) {
	e := newDeskEnv(t)
	ctx := context.Background()
	named := func(name string) *apiClient {
		key, _, err := e.db.NewAPIKey(ctx, name, []auth.Scope{auth.ScopeChat})
		if err != nil {
			t.Fatal(err)
		}
		return &apiClient{t: t, base: e.srv.URL, key: key}
	}
	crm, other := named("crm"), named("other")
	var mine struct{ ID string }
	crm.decode("POST", "/api/v1/conversations", `{"lang":"nb"}`, http.StatusCreated, &mine)
	customer := e.customer(t)

	for _, tt := range []struct {
		name   string
		client *apiClient
		method string
		path   string
		body   string
		want   int
	}{
		{"own transcript", crm, "GET", "/api/v1/conversations/" + mine.ID, "", 200},
		{"own export", crm, "GET", "/api/v1/conversations/" + mine.ID + "/export", "", 200},
		{"another key's transcript", other, "GET", "/api/v1/conversations/" + mine.ID, "", 404},
		{"another key's export", other, "GET", "/api/v1/conversations/" + mine.ID + "/export", "", 404},
		{"message in another key's", other, "POST", "/api/v1/conversations/" + mine.ID + "/messages", `{"text":"Hei"}`, 404},
		{"delete another key's", other, "DELETE", "/api/v1/conversations/" + mine.ID, "", 404},
		{"a customer's transcript", crm, "GET", "/api/v1/conversations/" + customer.id, "", 404},
		{"delete a customer's", crm, "DELETE", "/api/v1/conversations/" + customer.id, "", 404},
		{"own delete", crm, "DELETE", "/api/v1/conversations/" + mine.ID, "", 204},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.client.t = t
			if got, body := tt.client.do(tt.method, tt.path, tt.body); got != tt.want {
				t.Fatalf("%s %s = %d %s, want %d", tt.method, tt.path, got, body, tt.want)
			}
		})
	}
	if _, err := e.db.Conversation(ctx, customer.id); err != nil {
		t.Errorf("the customer's conversation is gone: %v", err)
	}

	count := func(actor, method, route string, status int) int {
		entries, err := e.db.AuditLog(ctx, los.AuditFilter{Actor: actor})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, en := range entries {
			if en.Method == method && en.Route == route && en.Status == status {
				n++
			}
		}
		return n
	}
	for _, w := range []struct {
		actor, method, route string
		status, n            int
	}{
		{"key:crm", "POST", "/api/v1/conversations", 201, 1},
		{"key:crm", "GET", "/api/v1/conversations/:id", 200, 1},
		{"key:crm", "GET", "/api/v1/conversations/:id/export", 200, 1},
		{"key:crm", "GET", "/api/v1/conversations/:id", 404, 1},
		{"key:other", "GET", "/api/v1/conversations/:id", 404, 1},
		{"key:other", "DELETE", "/api/v1/conversations/:id", 404, 1},
		{"key:crm", "DELETE", "/api/v1/conversations/:id", 204, 1},
	} {
		if got := count(w.actor, w.method, w.route, w.status); got != w.n {
			t.Errorf("audit log: %d entries of %s %s %s -> %d, want %d", got, w.actor, w.method, w.route, w.status, w.n)
		}
	}
}

// TestExpiredKeysAreRefused: a key with an expiry works until then and
// gets 401 after, saying why (keys never expired before).
func TestExpiredKeysAreRefused(t *testing.T) {
	e := newDeskEnv(t)
	ctx := context.Background()
	key, _, err := e.db.NewAPIKeyUntil(ctx, "kort", []auth.Scope{auth.ScopeAgent}, e.clock.now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	c := &apiClient{t: t, base: e.srv.URL, key: key}
	if got, body := c.do("GET", "/api/v1/agent/queue", ""); got != http.StatusOK {
		t.Fatalf("before expiry: %d %s", got, body)
	}
	e.clock.add(time.Hour)
	if got, body := c.do("GET", "/api/v1/agent/queue", ""); got != http.StatusUnauthorized || !strings.Contains(body, "expired") {
		t.Errorf("at expiry: %d %s, want 401 saying it expired", got, body)
	}
	admin := e.key(t, auth.ScopeAdmin)
	var created struct {
		Expires *time.Time `json:"expires"`
	}
	admin.decode("POST", "/api/v1/keys", `{"scopes":["chat"],"expires":"2099-01-01T00:00:00Z"}`, http.StatusCreated, &created)
	if created.Expires == nil || created.Expires.Year() != 2099 {
		t.Errorf("created through the API: expires %v", created.Expires)
	}
	if got, body := admin.do("POST", "/api/v1/keys", `{"scopes":["chat"],"expires":"2000-01-01T00:00:00Z"}`); got != http.StatusUnprocessableEntity {
		t.Errorf("an expiry in the past: %d %s, want 422", got, body)
	}
}
