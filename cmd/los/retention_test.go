package main

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/config"
	"github.com/los-bot/los/store"
)

// TestPurgePrunesWebhookLog checks the retention job's wiring: finished
// deliveries older than LOS_WEBHOOK_LOG_DAYS go, with a log line that
// counts them; pending ones stay; a second run deletes and logs nothing.
func TestPurgePrunesWebhookLog(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "los.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return now })
	hook := &los.Webhook{URL: "https://crm.example.no/los", Events: []string{los.EventMessageCreated}, Secret: "s", Active: true}
	if err := db.CreateWebhook(ctx, hook); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateConversation(ctx, &los.Conversation{ID: "c1", TokenHash: []byte("h"), Status: los.StatusOpen}); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := db.AddMessage(ctx, &los.Message{ConversationID: "c1", Role: los.RoleCustomer, Text: "hei", Created: now}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.FanOut(ctx, 10, func(los.Event) ([]byte, error) { return []byte(`{}`), nil }); err != nil {
		t.Fatal(err)
	}
	for id, status := range map[int64]string{1: los.DeliveryDelivered, 2: los.DeliveryFailed} {
		if err := db.RecordAttempt(ctx, id, status, 200, "", now); err != nil {
			t.Fatal(err)
		}
	}
	cfg := config.Default()
	cfg.WebhookLogDays = 7
	now = now.AddDate(0, 0, 8) // the conversation is kept for 30 days

	var out bytes.Buffer
	log := slog.New(slog.NewTextHandler(&out, nil))
	purge(ctx, db, cfg, log)
	if !strings.Contains(out.String(), "retention: pruned the webhook delivery log") ||
		!strings.Contains(out.String(), "deliveries=2 events=2 older_than_days=7") {
		t.Fatalf("log:\n%s", out.String())
	}
	ds, _ := db.Deliveries(ctx, hook.ID, 10)
	if len(ds) != 1 || ds[0].Status != los.DeliveryPending {
		t.Fatalf("left %+v, want the pending delivery", ds)
	}
	out.Reset()
	purge(ctx, db, cfg, log)
	if out.Len() != 0 {
		t.Fatalf("second run logged:\n%s", out.String())
	}
}
