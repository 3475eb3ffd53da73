package web_test

import (
	"encoding/json"
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/bot"
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
	for _, want := range []string{`<html lang="nn">`, "Revisjonslogg", "kari@example.no", "/admin/audit"} {
		if !strings.Contains(body, want) {
			t.Errorf("audit page lacks %q", want)
		}
	}
	// The actions leave the reading of the queue out; all requests have it,
	// told by its route, with the HTTP details behind a toggle.
	if strings.Contains(body, "/api/v1/agent/queue") {
		t.Error("the actions show a routine read")
	}
	_, body = ada.do("GET", "/admin/audit?actor=kari@example.no&lang=nn&view=all", "")
	for _, want := range []string{"kari@example.no opna /api/v1/agent/queue", "<summary>HTTP-detaljar</summary><code>GET /api/v1/agent/queue · 200</code>", "Kundebehandlar"} {
		if !strings.Contains(body, want) {
			t.Errorf("all requests lack %q", want)
		}
	}
	if strings.Contains(body, ">agent<") {
		t.Error("the role shows as its code")
	}
	if resp, _ := ada.do("GET", "/admin/audit?from=in-a-while", ""); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad date: %d, want 422", resp.StatusCode)
	}
}

// TestAuditTellsActions: what agents and editors do reads as sentences
// with the article's title and version, page views left out.
func TestAuditTellsActions(t *testing.T) {
	clock := &testClock{t: mondayMorning}
	st := newTestStack(t, stackOptions{clock: clock.now, bot: func(c *bot.Config) { c.Triager = testTriager },
		users: map[string]auth.Role{"kari@example.no": auth.RoleAgent, "eva@example.no": auth.RoleEditor, "ada@example.no": auth.RoleAdmin}})
	e := &deskEnv{srv: st.srv, db: st.db, clock: clock, web: st.web}
	c := e.customer(t)
	c.askForHuman()
	kari := e.login(t, "kari@example.no")
	kari.do("GET", "/agent", "") // a page view
	kari.do("GET", "/api/v1/agent/conversations/"+c.id, "")
	kari.do("POST", "/api/v1/agent/conversations/"+c.id+"/claim", "")
	eva := e.login(t, "eva@example.no")
	var a apiArticle
	resp, body := eva.do("POST", "/api/v1/articles", `{"title":"Endre fakturaadresse hos oss","body":"Ring oss."}`)
	if resp.StatusCode != http.StatusCreated || json.Unmarshal([]byte(body), &a) != nil {
		t.Fatalf("create: %d %s", resp.StatusCode, body)
	}
	eva.do("POST", "/api/v1/articles/"+a.Slug+"/publish", `{"version":1}`)
	eva.do("PUT", "/api/v1/articles/"+a.Slug, `{"version":1,"title":"Endre fakturaadresse hos oss","body":"Ring eller skriv."}`)
	eva.do("POST", "/api/v1/articles/"+a.Slug+"/publish", `{"version":2}`)
	eva.do("PUT", "/api/v1/articles/"+a.Slug, `{"version":1,"title":"Gammel","body":"x"}`) // stale: 409

	ada := e.login(t, "ada@example.no")
	_, page := ada.do("GET", "/admin/audit?lang=nb", "")
	for _, want := range []string{
		"kari@example.no åpnet samtalen " + c.id[:8],
		"kari@example.no tok over samtalen " + c.id[:8],
		"eva@example.no opprettet «Endre fakturaadresse hos oss»",
		"eva@example.no publiserte «Endre fakturaadresse hos oss» v1",
		"eva@example.no lagret «Endre fakturaadresse hos oss» v2",
		"eva@example.no publiserte «Endre fakturaadresse hos oss» v2",
		"eva@example.no lagret «" + a.Slug + "» v– – mislyktes (HTTP 409)",
	} {
		if !strings.Contains(html.UnescapeString(page), want) {
			t.Errorf("the audit page lacks %q", want)
		}
	}
	if strings.Contains(page, "åpnet /agent") {
		t.Error("a page view is among the actions")
	}
}
