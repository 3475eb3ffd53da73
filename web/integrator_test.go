package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/los-bot/los/auth"
)

// apiClient calls the API with an API key, as a program would: no cookies,
// no CSRF token.
type apiClient struct {
	t    *testing.T
	base string
	key  string
}

func (e *deskEnv) key(t *testing.T, scopes ...auth.Scope) *apiClient {
	t.Helper()
	key, _, err := e.db.NewAPIKey(context.Background(), "test", scopes)
	if err != nil {
		t.Fatal(err)
	}
	return &apiClient{t: t, base: e.srv.URL, key: key}
}

func (a *apiClient) do(method, path, body string) (int, string) {
	a.t.Helper()
	req, err := http.NewRequest(method, a.base+path, strings.NewReader(body))
	if err != nil {
		a.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+a.key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// decode calls the API, checks the status and decodes the body into v.
func (a *apiClient) decode(method, path, body string, want int, v any) {
	a.t.Helper()
	got, out := a.do(method, path, body)
	if got != want {
		a.t.Fatalf("%s %s: %d %s, want %d", method, path, got, out, want)
	}
	if v != nil {
		if err := json.Unmarshal([]byte(out), v); err != nil {
			a.t.Fatalf("%s %s: %v in %s", method, path, err, out)
		}
	}
}

// TestKeyScopes checks every kind of route with keys of each scope: 401
// for an unknown or revoked key, 403 for a valid key without the scope.
func TestKeyScopes(t *testing.T) {
	e := newDeskEnv(t)
	chat := e.key(t, auth.ScopeChat)
	agent := e.key(t, auth.ScopeAgent)
	kb := e.key(t, auth.ScopeKBWrite)
	admin := e.key(t, auth.ScopeAdmin)
	revoked := e.key(t, auth.ScopeChat, auth.ScopeAgent, auth.ScopeAdmin, auth.ScopeKBWrite)
	keys, _ := e.db.APIKeys(context.Background())
	if err := e.db.RevokeAPIKey(context.Background(), keys[0].ID); err != nil {
		t.Fatal(err)
	}
	unknown := &apiClient{t: t, base: e.srv.URL, key: auth.KeyPrefix + "nonsense"}
	var conv struct{ ID string }
	chat.decode("POST", "/api/v1/conversations", `{"lang":"nn"}`, http.StatusCreated, &conv)

	tests := []struct {
		name   string
		client *apiClient
		method string
		path   string
		body   string
		want   int
	}{
		{"chat starts", chat, "POST", "/api/v1/conversations", "", 201},
		{"agent may not start", agent, "POST", "/api/v1/conversations", "", 403},
		{"unknown key may not start", unknown, "POST", "/api/v1/conversations", "", 401},
		{"revoked key", revoked, "POST", "/api/v1/conversations", "", 401},
		{"chat reads its conversation", chat, "GET", "/api/v1/conversations/" + conv.ID, "", 200},
		{"chat, unknown conversation", chat, "GET", "/api/v1/conversations/nope", "", 404},
		{"agent may not read as customer", agent, "GET", "/api/v1/conversations/" + conv.ID, "", 403},
		{"unknown key on a conversation", unknown, "GET", "/api/v1/conversations/" + conv.ID, "", 401},
		{"agent queue", agent, "GET", "/api/v1/agent/queue", "", 200},
		{"admin may act as agent", admin, "GET", "/api/v1/agent/queue", "", 200},
		{"chat may not see the queue", chat, "GET", "/api/v1/agent/queue", "", 403},
		{"agent needs no CSRF", agent, "POST", "/api/v1/agent/conversations/" + conv.ID + "/claim", "", 409}, // not handed over
		{"agent me", agent, "GET", "/api/v1/agent/me", "", 200},
		{"events need admin", agent, "GET", "/api/v1/agent/events", "", 403},
		{"admin events", admin, "GET", "/api/v1/agent/events", "", 200},
		{"webhooks need admin", agent, "GET", "/api/v1/webhooks", "", 403},
		{"admin webhooks", admin, "GET", "/api/v1/webhooks", "", 200},
		{"keys need admin", kb, "GET", "/api/v1/keys", "", 403},
		{"admin keys", admin, "GET", "/api/v1/keys", "", 200},
		{"kb:write lists articles", kb, "GET", "/api/v1/articles", "", 200},
		{"kb:write creates", kb, "POST", "/api/v1/articles", `{"title":"Nøkkelartikkel","body":"Tekst om nøkler.","lang":"nb"}`, 201},
		{"chat may not edit", chat, "GET", "/api/v1/articles", "", 403},
		{"agent may not edit", agent, "POST", "/api/v1/articles", `{"title":"X","body":"Y"}`, 403},
		{"unknown key may not edit", unknown, "GET", "/api/v1/articles", "", 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.client.t = t
			got, body := tt.client.do(tt.method, tt.path, tt.body)
			if got != tt.want {
				t.Fatalf("%s %s = %d %s, want %d", tt.method, tt.path, got, body, tt.want)
			}
		})
	}
	keys, _ = e.db.APIKeys(context.Background())
	for _, k := range keys {
		if k.Revoked == nil && k.LastUsed == nil {
			t.Errorf("key %d (%v) was used but its last use is not recorded", k.ID, k.Scopes)
		}
	}
}

// TestKeysAPI creates a key through the API, uses it, lists and revokes it.
func TestKeysAPI(t *testing.T) {
	e := newDeskEnv(t)
	admin := e.key(t, auth.ScopeAdmin)
	var created struct {
		ID     int64
		Key    string
		Scopes []string
	}
	admin.decode("POST", "/api/v1/keys", `{"name":"crm","scopes":["chat"]}`, 201, &created)
	if !strings.HasPrefix(created.Key, auth.KeyPrefix) || len(created.Scopes) != 1 {
		t.Fatalf("created = %+v", created)
	}
	if got, body := admin.do("POST", "/api/v1/keys", `{"scopes":["root"]}`); got != 422 {
		t.Errorf("unknown scope: %d %s", got, body)
	}
	crm := &apiClient{t: t, base: e.srv.URL, key: created.Key}
	crm.decode("POST", "/api/v1/conversations", "", 201, nil)
	var list struct{ Items []map[string]any }
	admin.decode("GET", "/api/v1/keys", "", 200, &list)
	if len(list.Items) != 2 || strings.Contains(mustJSON(list), created.Key) {
		t.Fatalf("list = %+v (must not show keys)", list)
	}
	admin.decode("DELETE", "/api/v1/keys/"+jsonInt(created.ID), "", 204, nil)
	if got, _ := crm.do("POST", "/api/v1/conversations", ""); got != 401 {
		t.Errorf("revoked key: %d, want 401", got)
	}
}
