package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
)

// TestMetricsAuth checks who may read /metrics: Prometheus with
// LOS_METRICS_TOKEN, an admin key or an admin session; nobody else.
func TestMetricsAuth(t *testing.T) {
	e := newAnalyticsEnv(t)
	e.customer(t).say("Hvor finner jeg fakturaen?") // a turn, so los_turns_total has a series
	adminKey, chatKey := e.key(t, auth.ScopeAdmin).key, e.key(t, auth.ScopeChat).key
	ada, kari := e.login(t, "ada@example.no"), e.login(t, "kari@example.no")
	anon := e.browser(t)
	tests := []struct {
		name   string
		who    *browser
		auth   string // the Authorization header
		status int
		want   string // in the body
	}{
		{"no credentials", anon, "", 401, "send the header Authorization: Bearer $LOS_METRICS_TOKEN, an API key with the admin scope, or sign in as an admin"},
		{"wrong token", anon, "Bearer prometheus-0123456789abcdeX", 401, "wrong metrics token"},
		{"empty token", anon, "Bearer ", 401, "wrong metrics token"},
		{"token, scheme in lower case", anon, "bearer " + testMetricsToken, 200, "los_turns_total{"},
		{"right token", anon, "Bearer " + testMetricsToken, 200, "los_turns_total{"},
		{"admin key", anon, "Bearer " + adminKey, 200, "los_turns_total{"},
		{"chat key", anon, "Bearer " + chatKey, 403, "lacks the scope"},
		{"unknown key", anon, "Bearer " + auth.KeyPrefix + "nonsense", 401, "unknown or revoked API key"},
		{"admin session", ada, "", 200, "los_turns_total{"},
		{"agent session", kari, "", 403, "your role may not do this"},
		{"basic auth", anon, "Basic cHJvbTpzZWNyZXQ=", 401, "LOS_METRICS_TOKEN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.who.t = t
			var hdr []string
			if tt.auth != "" {
				hdr = []string{"Authorization", tt.auth}
			}
			resp, body := tt.who.do("GET", "/metrics", "", hdr...)
			if resp.StatusCode != tt.status || !strings.Contains(body, tt.want) {
				t.Fatalf("%d %.300s\nwant %d with %q", resp.StatusCode, body, tt.status, tt.want)
			}
			if tt.status == 401 && resp.Header.Get("WWW-Authenticate") == "" && !strings.Contains(tt.auth, auth.KeyPrefix) {
				t.Error("401 without a WWW-Authenticate challenge")
			}
		})
	}

	// Scrapes with the token are not audited; reads by keys and admins are.
	entries, err := e.db.AuditLog(context.Background(), los.AuditFilter{Route: "/metrics"})
	if err != nil {
		t.Fatal(err)
	}
	var actors []string
	for _, a := range entries {
		actors = append(actors, a.Actor)
	}
	if len(entries) != 4 || !strings.Contains(strings.Join(actors, " "), "ada@example.no") {
		t.Errorf("audit entries for /metrics by %v, want the admin key, the chat key, ada and kari", actors)
	}
}

// TestMetricsWithoutToken checks the answer to an operator who has set no
// token: what to set, and that admins still get in.
func TestMetricsWithoutToken(t *testing.T) {
	e := newMetricsEnv(t, "")
	resp, body := e.browser(t).do("GET", "/metrics", "")
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "no LOS_METRICS_TOKEN is set; set LOS_METRICS_TOKEN on the server") {
		t.Fatalf("no credentials: %d %s", resp.StatusCode, body)
	}
	resp, body = e.browser(t).do("GET", "/metrics", "", "Authorization", "Bearer guessing-0123456789abcdef")
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "no LOS_METRICS_TOKEN is set") {
		t.Fatalf("a token when none is set: %d %s", resp.StatusCode, body)
	}
	if resp, body := e.login(t, "ada@example.no").do("GET", "/metrics", ""); resp.StatusCode != http.StatusOK || !strings.Contains(body, "los_http_responses_total") {
		t.Fatalf("admin session: %d %.300s", resp.StatusCode, body)
	}
}
