package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/los-bot/los/web"
)

func TestAgentSignIn(t *testing.T) {
	e := newDeskEnv(t)
	tests := []struct {
		name         string
		email, pass  string
		wantStatus   int
		wantLocation string
		wantBody     string
	}{
		{name: "agent", email: "kari@example.no", pass: testPassword, wantStatus: 303, wantLocation: "/agent"},
		{name: "address in capitals", email: " KARI@example.no", pass: testPassword, wantStatus: 303, wantLocation: "/agent"},
		{name: "editor goes to the editor", email: "eva@example.no", pass: testPassword, wantStatus: 303, wantLocation: "/editor"},
		{name: "wrong password", email: "kari@example.no", pass: "feil passord her", wantStatus: 401, wantBody: "Feil e-postadresse eller passord"},
		{name: "unknown user", email: "per@example.no", pass: testPassword, wantStatus: 401, wantBody: "Feil e-postadresse eller passord"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := e.browser(t)
			resp, body := b.submitLogin(tt.email, tt.pass)
			if resp.StatusCode != tt.wantStatus || resp.Header.Get("Location") != tt.wantLocation || !strings.Contains(body, tt.wantBody) {
				t.Fatalf("got %d to %q; want %d to %q with %q\n%s", resp.StatusCode, resp.Header.Get("Location"), tt.wantStatus, tt.wantLocation, tt.wantBody, body)
			}
			var session *http.Cookie
			for _, c := range resp.Cookies() {
				if c.Name == web.CookieName {
					session = c
				}
			}
			if (session != nil) != (tt.wantStatus == 303) {
				t.Fatalf("session cookie = %v", session)
			}
			if session != nil && (!session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Secure) {
				t.Errorf("cookie flags: %+v; want HttpOnly, SameSite=Lax, not Secure over plain http", session)
			}
		})
	}

	t.Run("form without its token", func(t *testing.T) {
		b := e.browser(t)
		resp, body := b.do("POST", "/agent/login", "email=kari%40example.no&password=et+langt+passord&csrf=forged",
			"Content-Type", "application/x-www-form-urlencoded")
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Last inn siden på nytt") {
			t.Errorf("got %d %s", resp.StatusCode, body)
		}
	})
	t.Run("inbox needs a session", func(t *testing.T) {
		b := e.browser(t)
		resp, _ := b.do("GET", "/agent?lang=nn", "")
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/agent/login?lang=nn" {
			t.Errorf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		b = e.login(t, "kari@example.no")
		resp, body := b.do("GET", "/agent", "")
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, `name="csrf-token" content="`+b.csrf+`"`) || strings.Contains(body, "<script>") {
			t.Errorf("inbox: %d\n%s", resp.StatusCode, body)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("CSP = %q", csp)
		}
		resp, _ = b.do("GET", "/agent/login", "")
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/agent" {
			t.Errorf("sign-in page when signed in: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
	t.Run("languages", func(t *testing.T) {
		for _, tt := range []struct{ query, accept, want string }{
			{query: "?lang=nn", want: `lang="nn"`},
			{accept: "en-GB,en;q=0.8", want: "Sign in to the inbox"},
			{want: "Logg inn i innboksen"},
		} {
			_, body := e.browser(t).do("GET", "/agent/login"+tt.query, "", "Accept-Language", tt.accept)
			if !strings.Contains(body, tt.want) {
				t.Errorf("%s %s: page lacks %q", tt.query, tt.accept, tt.want)
			}
		}
	})
	t.Run("logout", func(t *testing.T) {
		b := e.login(t, "kari@example.no")
		resp, _ := b.do("POST", "/agent/logout", "csrf="+b.csrf, "Content-Type", "application/x-www-form-urlencoded", web.CSRFHeader, "")
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("logout: %d", resp.StatusCode)
		}
		if resp, _ := b.do("GET", "/api/v1/agent/queue", ""); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("after logout: %d, want 401", resp.StatusCode)
		}
	})
}

func TestAgentAPIAccess(t *testing.T) {
	e := newDeskEnv(t)
	agent := e.login(t, "kari@example.no")
	editor := e.login(t, "eva@example.no")
	admin := e.login(t, "ada@example.no")
	anon := e.browser(t)
	noCSRF := e.login(t, "ola@example.no")
	noCSRF.csrf = ""
	c := e.customer(t)
	c.askForHuman()
	tests := []struct {
		name   string
		b      *browser
		method string
		path   string
		want   int
	}{
		{name: "anonymous", b: anon, method: "GET", path: "/api/v1/agent/queue", want: 401},
		{name: "editor", b: editor, method: "GET", path: "/api/v1/agent/queue", want: 403},
		{name: "agent", b: agent, method: "GET", path: "/api/v1/agent/queue", want: 200},
		{name: "admin", b: admin, method: "GET", path: "/api/v1/agent/queue", want: 200},
		{name: "claim without csrf", b: noCSRF, method: "POST", path: "/api/v1/agent/conversations/" + c.id + "/claim", want: 403},
		{name: "events are for admins", b: agent, method: "GET", path: "/api/v1/agent/events", want: 403},
		{name: "admin reads events", b: admin, method: "GET", path: "/api/v1/agent/events", want: 200},
		{name: "unknown conversation", b: agent, method: "GET", path: "/api/v1/agent/conversations/nope", want: 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if resp, body := tt.b.do(tt.method, tt.path, "{}"); resp.StatusCode != tt.want {
				t.Errorf("%s %s: %d %s, want %d", tt.method, tt.path, resp.StatusCode, body, tt.want)
			}
		})
	}
	// A conversation never handed over is not the agents' to read.
	other := e.customer(t)
	other.say("Hvor finner jeg fakturaen?")
	if resp, _ := agent.do("GET", "/api/v1/agent/conversations/"+other.id, ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("reading a conversation that was not handed over: %d, want 404", resp.StatusCode)
	}
}
