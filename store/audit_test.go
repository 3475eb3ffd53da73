package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/store"
)

func TestAuditLogIsAppendOnlyAndFilters(t *testing.T) {
	t.Parallel()
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			testAuditLog(t, e.open(t))
		})
	}
}

func testAuditLog(t *testing.T, db *store.DB) {
	ctx := context.Background()
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	entries := []los.AuditEntry{
		{At: t0, Actor: "kari@example.no", Role: "agent", Method: "GET", Route: "/api/v1/agent/conversations/:id", Target: "id=c1", Status: 200},
		{At: t0.Add(time.Hour), Actor: "kari@example.no", Role: "agent", Method: "POST", Route: "/api/v1/agent/conversations/:id/messages", Target: "id=c1", Status: 201},
		{At: t0.Add(2 * time.Hour), Actor: "key:crm", Role: "admin", Method: "DELETE", Route: "/api/v1/keys/:id", Target: "id=3", Status: 204},
	}
	for _, e := range entries {
		if err := db.Audit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		f    los.AuditFilter
		want int
	}{
		{"all", los.AuditFilter{}, 3},
		{"by actor", los.AuditFilter{Actor: "kari@example.no"}, 2},
		{"changes", los.AuditFilter{Changes: true}, 2},
		{"by target", los.AuditFilter{Target: "id=c1"}, 2},
		{"by route", los.AuditFilter{Route: "/keys"}, 1},
		{"period", los.AuditFilter{From: t0.Add(30 * time.Minute), To: t0.Add(90 * time.Minute)}, 1},
		{"limit", los.AuditFilter{Limit: 1}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.AuditLog(ctx, tt.f)
			if err != nil || len(got) != tt.want {
				t.Errorf("got %d entries (%v), want %d", len(got), err, tt.want)
			}
		})
	}
	got, _ := db.AuditLog(ctx, los.AuditFilter{})
	if got[0].Actor != "key:crm" || !got[2].At.Equal(t0) {
		t.Errorf("not newest first: %+v", got)
	}
	if err := db.ExecForTest(ctx, `UPDATE audit_log SET actor = 'someone else'`); err == nil {
		t.Error("an audit entry was changed")
	}
	if err := db.ExecForTest(ctx, `DELETE FROM audit_log`); err == nil {
		t.Error("audit entries were deleted")
	}
	if db.Engine() == "postgres" {
		if err := db.ExecForTest(ctx, `TRUNCATE audit_log`); err == nil {
			t.Error("the audit log was truncated")
		}
	}
	if got, _ := db.AuditLog(ctx, los.AuditFilter{Actor: "kari@example.no"}); len(got) != 2 {
		t.Errorf("after tampering attempts: %d entries of kari, want 2", len(got))
	}
}
