package web_test

import (
	"context"
	"testing"

	"github.com/los-bot/los"
)

// TestPrivatePagesAreNotCached: transcripts, exports and the desk's pages
// tell browsers and proxies not to keep them (the audit found transcripts
// without Cache-Control).
func TestPrivatePagesAreNotCached(t *testing.T) {
	e := newDeskEnv(t)
	c := e.customer(t)
	c.say("Hei")
	for _, path := range []string{"/api/v1/conversations/" + c.id, "/api/v1/conversations/" + c.id + "/export"} {
		resp, _ := c.do("GET", path, "")
		if got := resp.Header.Get("Cache-Control"); resp.StatusCode != 200 || got != "no-store" {
			t.Errorf("GET %s: %d, Cache-Control %q; want 200 no-store", path, resp.StatusCode, got)
		}
	}
	kari := e.login(t, "kari@example.no")
	for _, path := range []string{"/agent", "/agent/login", "/api/v1/agent/queue", "/api/v1/agent/conversations/" + c.id} {
		resp, _ := kari.do("GET", path, "")
		if got := resp.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("GET %s: %d, Cache-Control %q; want no-store", path, resp.StatusCode, got)
		}
	}
}

// TestFailedSignInsAreAudited: a wrong password is in the audit log, with
// the address when it is a user's and the client (the audit found failed
// sign-ins logged but not audited).
func TestFailedSignInsAreAudited(t *testing.T) {
	e := newDeskEnv(t)
	b := e.browser(t)
	b.submitLogin("kari@example.no", "feil passord her")
	b.submitLogin("ukjent@example.no", "feil passord her")
	entries, err := e.db.AuditLog(context.Background(), los.AuditFilter{Route: "sign-in failed"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, en := range entries {
		if en.Status == 401 && en.Target == "client=127.0.0.1" {
			got[en.Actor]++
		}
	}
	if got["kari@example.no"] != 1 || got["(unknown address)"] != 1 || len(entries) != 2 {
		t.Errorf("audit log: %+v; want one failure for kari and one for an unknown address", entries)
	}
}
