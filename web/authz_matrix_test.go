package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/web"
)

// cred is one way of calling Los in the authorization matrix.
type cred struct {
	name string
	// role or scope it stands for: "" (nobody), "customer", "chat",
	// "agent", "editor", "admin"
	as string
	// apply sets the credential on a request for the conversation conv
	// (a fresh one per request, started by the credential's owner).
	apply func(r *http.Request, conv *matrixConv)
	// csrf: a session that leaves its CSRF token out of unsafe requests
	csrf bool
	// key: the credential is an API key; chat: one with the chat scope;
	// bad: one that is revoked, expired or unknown (refused wherever it
	// is checked; public pages may ignore it or refuse it)
	key, chat, bad bool
	// newConv starts the conversation conversation routes act on: as the
	// customer, or with a key.
	newConv func(t *testing.T) *matrixConv
}

type matrixConv struct{ id, token string }

// access says who may use a route: "public", "customer" (the
// conversation's token, or the chat key that started it), "agent"
// (agents and admins), "editor" (editors and admins), "admin", "any"
// (every signed-in role), or "skip".
func access(method, path string) string {
	switch {
	case path == "/agent/logout" || path == "/metrics":
		return "skip" // ends the session under test; has its own token test
	case method == "POST" && (strings.HasPrefix(path, "/agent/login") || path == "/agent/totp"):
		return "skip" // sign-in forms: their double-submit token is tested with them
	case path == "/agent/totp":
		return "session"
	case path == "/api/v1/conversations" && method == "POST":
		return "start"
	case strings.HasPrefix(path, "/api/v1/conversations/"):
		return "customer"
	case path == "/api/v1/agent/me":
		return "any"
	case path == "/api/v1/agent/events", strings.HasPrefix(path, "/api/v1/webhooks"), strings.HasPrefix(path, "/api/v1/keys"),
		path == "/api/v1/audit", path == "/admin/analytics", path == "/admin/audit", strings.HasPrefix(path, "/admin/canned"):
		return "admin"
	case strings.HasPrefix(path, "/api/v1/agent/"), path == "/agent":
		return "agent"
	case strings.HasPrefix(path, "/api/v1/articles"), strings.HasPrefix(path, "/api/v1/editor/"),
		strings.HasPrefix(path, "/editor") && !strings.HasPrefix(path, "/editor/static"):
		return "editor"
	}
	return "public"
}

func allows(rule string, c cred) bool {
	switch rule {
	case "public":
		return true
	case "start":
		return !c.key || c.chat
	case "session":
		return !c.key && (c.as == "agent" || c.as == "editor" || c.as == "admin")
	case "customer":
		return c.as == "customer" || c.as == "chat"
	case "any":
		return c.as == "agent" || c.as == "editor" || c.as == "admin"
	case "agent":
		return c.as == "agent" || c.as == "admin"
	case "editor":
		return c.as == "editor" || c.as == "admin"
	case "admin":
		return c.as == "admin"
	}
	return false
}

// TestAuthorizationMatrix calls every route with every credential: no
// credential, a customer's conversation token, chat, agent, kb:write and
// admin keys, a revoked and an expired key, another key's conversation,
// sessions of each role (with and without the CSRF token), a disabled
// user's session. A route a credential may not use must answer 401, 403,
// 404 or send the browser to sign in; one it may use must not. (The
// outside audit's matrix held 30 routes x 17 credentials but for the chat
// key reaching every conversation.)
func TestAuthorizationMatrix(t *testing.T) {
	e := newSweepEnv(t)
	ctx := context.Background()
	key := func(name string, scopes ...auth.Scope) string {
		k, _, err := e.db.NewAPIKey(ctx, name, scopes)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	bearer := func(token string) func(*http.Request, *matrixConv) {
		return func(r *http.Request, _ *matrixConv) { r.Header.Set("Authorization", "Bearer "+token) }
	}
	customerConv := func(t *testing.T) *matrixConv { c := e.customer(t); return &matrixConv{c.id, c.token} }
	keyConv := func(k string) func(t *testing.T) *matrixConv {
		return func(t *testing.T) *matrixConv {
			var out struct{ ID string }
			(&apiClient{t: t, base: e.srv.URL, key: k}).decode("POST", "/api/v1/conversations", "", http.StatusCreated, &out)
			return &matrixConv{id: out.ID}
		}
	}
	chat, agentKey, kbKey, adminKey := key("chat", auth.ScopeChat), key("agent", auth.ScopeAgent), key("kb", auth.ScopeKBWrite), key("admin", auth.ScopeAdmin)
	revoked := key("revoked", auth.Scopes...)
	keys, _ := e.db.APIKeys(ctx)
	for _, k := range keys {
		if k.Name == "revoked" {
			if err := e.db.RevokeAPIKey(ctx, k.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	expired, _, err := e.db.NewAPIKeyUntil(ctx, "expired", auth.Scopes, e.clock.now().Add(-time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	session := func(email string) func(*http.Request, *matrixConv) {
		b := e.login(t, email)
		u := mustURL(e.srv.URL)
		cookies := b.c.Jar.Cookies(u)
		return func(r *http.Request, _ *matrixConv) {
			for _, ck := range cookies {
				r.AddCookie(ck)
			}
			if unsafeMethod(r.Method) {
				r.Header.Set(web.CSRFHeader, b.csrf)
			}
		}
	}
	withoutCSRF := func(apply func(*http.Request, *matrixConv)) func(*http.Request, *matrixConv) {
		return func(r *http.Request, c *matrixConv) { apply(r, c); r.Header.Del(web.CSRFHeader) }
	}
	disabled := session("ola@example.no")
	if err := e.db.SetUserDisabled(ctx, "ola@example.no", true); err != nil {
		t.Fatal(err)
	}
	agentSession, editorSession, adminSession := session("kari@example.no"), session("eva@example.no"), session("ada@example.no")
	creds := []cred{
		{name: "nobody", apply: func(*http.Request, *matrixConv) {}, newConv: customerConv},
		{name: "customer token", as: "customer", apply: func(r *http.Request, c *matrixConv) {
			r.Header.Set("Authorization", "Bearer "+c.token)
		}, newConv: customerConv},
		{name: "another conversation's token", apply: func(r *http.Request, _ *matrixConv) {
			r.Header.Set("Authorization", "Bearer "+customerConv(t).token)
		}, newConv: customerConv},
		{key: true, chat: true, name: "chat key, its conversation", as: "chat", apply: bearer(chat), newConv: keyConv(chat)},
		{key: true, chat: true, name: "chat key, a customer's", apply: bearer(chat), newConv: customerConv},
		{key: true, name: "agent key", as: "agent", apply: bearer(agentKey), newConv: customerConv},
		{key: true, name: "kb:write key", as: "editor", apply: bearer(kbKey), newConv: customerConv},
		{key: true, name: "admin key", as: "admin", apply: bearer(adminKey), newConv: customerConv},
		{key: true, bad: true, name: "revoked key", apply: bearer(revoked), newConv: customerConv},
		{key: true, bad: true, name: "expired key", apply: bearer(expired), newConv: customerConv},
		{key: true, bad: true, name: "made-up key", apply: bearer(auth.KeyPrefix + "made-up"), newConv: customerConv},
		{name: "agent session", as: "agent", apply: agentSession, newConv: customerConv},
		{name: "editor session", as: "editor", apply: editorSession, newConv: customerConv},
		{name: "admin session", as: "admin", apply: adminSession, newConv: customerConv},
		{name: "agent session without CSRF", as: "agent", apply: withoutCSRF(agentSession), newConv: customerConv, csrf: true},
		{name: "admin session without CSRF", as: "admin", apply: withoutCSRF(adminSession), newConv: customerConv, csrf: true},
		{name: "disabled user's session", apply: disabled, newConv: customerConv},
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	routes := 0
	for _, rt := range e.web.Routes() {
		rule := access(rt.Method, rt.Path)
		if rule == "skip" || rt.Method == "HEAD" || strings.HasPrefix(rt.Method, "echo_") || rt.Method == "CONNECT" || rt.Method == "TRACE" {
			continue
		}
		routes++
		for _, c := range creds {
			want := allows(rule, c) && !(c.csrf && unsafeMethod(rt.Method) && rule != "public" && rule != "customer" && rule != "start")
			conv := &matrixConv{}
			if rule == "customer" {
				conv = c.newConv(t) // a fresh one: an earlier request may have closed or deleted it
			}
			path := fillPath(rt.Path, conv.id)
			rctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			req, _ := http.NewRequestWithContext(rctx, rt.Method, e.srv.URL+path, strings.NewReader("{}"))
			req.Header.Set("Content-Type", "application/json")
			c.apply(req, conv)
			resp, err := client.Do(req)
			if err != nil {
				cancel()
				t.Fatalf("%s %s as %s: %v", rt.Method, path, c.name, err)
			}
			body, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
			resp.Body.Close()
			cancel()
			toLogin := resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), web.LoginPath)
			denied := resp.StatusCode == 401 || resp.StatusCode == 403 || toLogin ||
				(resp.StatusCode == 404 && rule == "customer")
			if want && !c.bad && (resp.StatusCode == 401 || resp.StatusCode == 403 || toLogin) {
				t.Errorf("%s %s as %s: %d %s; want it allowed", rt.Method, rt.Path, c.name, resp.StatusCode, body)
			}
			if !want && !denied {
				t.Errorf("%s %s as %s: %d %s; want it refused", rt.Method, rt.Path, c.name, resp.StatusCode, body)
			}
		}
	}
	t.Logf("%d routes x %d credentials", routes, len(creds))
	if routes < 40 {
		t.Errorf("only %d routes in the matrix", routes)
	}
}

// newSweepEnv is the desk's site without the contract check on every
// exchange: the sweeps send what the contract forbids on purpose.
func newSweepEnv(t *testing.T) *deskEnv {
	t.Helper()
	clock := &testClock{t: mondayMorning}
	st := newTestStack(t, stackOptions{clock: clock.now,
		users: map[string]auth.Role{"kari@example.no": auth.RoleAgent, "ola@example.no": auth.RoleAgent,
			"eva@example.no": auth.RoleEditor, "ada@example.no": auth.RoleAdmin},
		bot: func(c *bot.Config) { c.Retriever, c.Triager = oneSource{}, testTriager }})
	return &deskEnv{srv: st.srv, db: st.db, clock: clock, web: st.web}
}

func unsafeMethod(m string) bool { return m != "GET" && m != "HEAD" && m != "OPTIONS" }

// fillPath gives a route's parameters values: the conversation's ID,
// an article that exists, numbers nobody has.
func fillPath(p, conv string) string {
	var parts []string
	for _, seg := range strings.Split(p, "/") {
		switch seg {
		case ":id":
			if strings.Contains(p, "/conversations/") {
				seg = conv
			} else {
				seg = "999999"
			}
		case ":slug":
			seg = "faktura"
		case ":name":
			seg = "missing.css"
		case "*":
			seg = "x"
		default:
			if strings.HasPrefix(seg, ":") {
				seg = "999999"
			}
		}
		parts = append(parts, seg)
	}
	return strings.Join(parts, "/")
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
