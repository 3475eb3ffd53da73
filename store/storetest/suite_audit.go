package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/los-bot/los"
)

// testAuditDetailAndReads: an entry keeps its detail, and a filter for
// changes can keep the reads that matter while leaving page views out.
func testAuditDetailAndReads(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	at := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	entries := []los.AuditEntry{
		{Actor: "kari@example.no", Role: "editor", Method: "GET", Route: "/editor", Status: 200},
		{Actor: "kari@example.no", Role: "editor", Method: "POST", Route: "/api/v1/articles/:slug/publish", Target: "slug=endre-fakturaadresse",
			Status: 200, Detail: map[string]string{"title": "Endre fakturaadresse", "version": "3"}},
		{Actor: "ola@example.no", Role: "agent", Method: "GET", Route: "/api/v1/agent/conversations/:id", Target: "id=abc", Status: 200},
		{Actor: "ola@example.no", Role: "agent", Method: "GET", Route: "/api/v1/agent/queue", Status: 200},
	}
	for i, e := range entries {
		e.At = at.Add(time.Duration(i) * time.Minute)
		if err := db.Audit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	all, err := db.AuditLog(ctx, los.AuditFilter{})
	if err != nil || len(all) != 4 {
		t.Fatalf("all: %d, %v", len(all), err)
	}
	if d := all[2].Detail; d["title"] != "Endre fakturaadresse" || d["version"] != "3" {
		t.Errorf("detail of the publishing = %v", d)
	}
	if len(all[0].Detail) != 0 || len(all[3].Detail) != 0 {
		t.Errorf("entries without detail got %v, %v", all[0].Detail, all[3].Detail)
	}
	changes, err := db.AuditLog(ctx, los.AuditFilter{Changes: true})
	if err != nil || len(changes) != 1 || changes[0].Method != "POST" {
		t.Fatalf("changes: %+v, %v", changes, err)
	}
	actions, err := db.AuditLog(ctx, los.AuditFilter{Changes: true, Reads: []string{"/api/v1/agent/conversations/:id", "/api/v1/editor/export"}})
	if err != nil || len(actions) != 2 || actions[0].Route != "/api/v1/agent/conversations/:id" || actions[1].Method != "POST" {
		t.Fatalf("changes and reads that matter: %+v, %v", actions, err)
	}
	ola, err := db.AuditLog(ctx, los.AuditFilter{Actor: "ola@example.no", Changes: true, Reads: []string{"/api/v1/agent/conversations/:id"}})
	if err != nil || len(ola) != 1 {
		t.Fatalf("with an actor too: %+v, %v", ola, err)
	}
}
