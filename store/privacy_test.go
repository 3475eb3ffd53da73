package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/store"
)

// TestPurgeKeepsHandoffsLonger also reads the SQLite files: purged text
// must not linger in free pages (secure_delete).
func TestPurgeKeepsHandoffsLonger(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, filepath.Join(dir, "los.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return now })
	mk := func(id string, handoff bool, text string) {
		c := &los.Conversation{ID: id, TokenHash: []byte{1}}
		if err := db.CreateConversation(ctx, c); err != nil {
			t.Fatal(err)
		}
		if err := db.AddMessage(ctx, &los.Message{ConversationID: id, Role: los.RoleCustomer, Text: text, Created: now}); err != nil {
			t.Fatal(err)
		}
		if handoff {
			if err := db.RequestHandoff(ctx, c, bot.NewHandoff(c, los.Triage{Category: los.CategoryBereavement}, nil)); err != nil {
				t.Fatal(err)
			}
		}
	}
	mk("old-plain", false, "hemmeligtekstA")
	mk("old-handoff", true, "hemmeligtekstB")
	now = now.Add(40 * 24 * time.Hour)
	mk("new-plain", false, "hemmeligtekstC")

	r := store.Retention{Conversations: 30 * 24 * time.Hour, Handoffs: 90 * 24 * time.Hour}
	n, err := db.Purge(ctx, r)
	if err != nil || n != 1 {
		t.Fatalf("first purge deleted %d (%v), want 1", n, err)
	}
	if _, err := db.Conversation(ctx, "old-plain"); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("old conversation still there: %v", err)
	}
	for _, id := range []string{"old-handoff", "new-plain"} {
		if _, err := db.Conversation(ctx, id); err != nil {
			t.Errorf("%s purged too early: %v", id, err)
		}
	}
	if msgs, _ := db.Messages(ctx, "old-plain"); len(msgs) != 0 {
		t.Errorf("messages of a purged conversation remain: %v", msgs)
	}
	now = now.Add(60 * 24 * time.Hour)
	if n, err = db.Purge(ctx, r); err != nil || n != 2 {
		t.Fatalf("second purge deleted %d (%v), want 2", n, err)
	}
	if q, _ := db.Queue(ctx); len(q) != 0 {
		t.Errorf("handoffs remain: %+v", q)
	}
	// Running it again is harmless.
	if n, err = db.Purge(ctx, r); err != nil || n != 0 {
		t.Errorf("third purge: %d, %v", n, err)
	}
	db.Close()
	for _, f := range []string{"los.db", "los.db-wal"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			continue
		}
		for _, secret := range []string{"hemmeligtekstA", "hemmeligtekstB", "hemmeligtekstC"} {
			if strings.Contains(string(b), secret) {
				t.Errorf("%s still contains %q after purge", f, secret)
			}
		}
	}
}
