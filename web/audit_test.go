package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestAuditTrail(t *testing.T) {
	e := newDeskEnv(t)
	c := e.customer(t)
	c.say("Mannen min døde i forrige uke")
	kari := e.login(t, "kari@example.no")
	if resp, body := kari.do("GET", "/api/v1/agent/conversations/"+c.id, ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("agent read: %d %s", resp.StatusCode, body)
	}
	if resp, _ := kari.do("GET", "/api/v1/audit", ""); resp.StatusCode != http.StatusForbidden {
		t.Errorf("an agent read the audit log: %d, want 403", resp.StatusCode)
	}
	ada := e.login(t, "ada@example.no")
	resp, body := ada.do("GET", "/api/v1/audit?actor=kari@example.no", "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("audit: %d %s", resp.StatusCode, body)
	}
	var got struct {
		Items []struct {
			Actor, Role, Method, Route, Target string
			Status                             int
		}
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	var read, refused bool
	for _, it := range got.Items {
		if it.Actor != "kari@example.no" {
			t.Errorf("filter by actor returned %q", it.Actor)
		}
		read = read || (it.Route == "/api/v1/agent/conversations/:id" && it.Target == "id="+c.id && it.Status == 200)
		refused = refused || (it.Route == "/api/v1/audit" && it.Status == 403)
	}
	if !read || !refused {
		t.Errorf("audit lacks kari's read of %s (%v) or her refused look at the log (%v): %s", c.id, read, refused, body)
	}
	if strings.Contains(body, "døde") {
		t.Error("the audit log holds message text")
	}
	resp, body = ada.do("GET", "/api/v1/audit?from=not-a-date", "")
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad from: %d %s", resp.StatusCode, body)
	}
	// Customers are not in the audit log: their conversation is their own.
	_, body = ada.do("GET", "/api/v1/audit?route=/api/v1/conversations/:id/messages", "")
	if strings.Contains(body, "/messages") {
		t.Errorf("a customer's message was audited: %s", body)
	}
}

func TestAuditPage(t *testing.T) {
	e := newDeskEnv(t)
	kari := e.login(t, "kari@example.no")
	kari.do("GET", "/api/v1/agent/queue", "")
	if resp, _ := kari.do("GET", "/admin/audit", ""); resp.StatusCode != http.StatusForbidden {
		t.Errorf("an agent opened the audit page: %d, want 403", resp.StatusCode)
	}
	ada := e.login(t, "ada@example.no")
	resp, body := ada.do("GET", "/admin/audit?actor=kari@example.no&lang=nn", "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("audit page: %d %s", resp.StatusCode, body)
	}
	for _, want := range []string{`<html lang="nn">`, "Revisjonslogg", "kari@example.no", "GET /api/v1/agent/queue", "/admin/audit"} {
		if !strings.Contains(body, want) {
			t.Errorf("audit page lacks %q", want)
		}
	}
	if resp, _ := ada.do("GET", "/admin/audit?from=in-a-while", ""); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad date: %d, want 422", resp.StatusCode)
	}
}
