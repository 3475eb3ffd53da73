package store_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/store"
)

// TestDeletedTextLeavesNoWALRemnant reads los.db and los.db-wal raw while
// the store is open: after a customer's delete and after the retention
// job, the deleted text is in neither (the audit found it in the WAL until
// a checkpoint; secure_delete does not reach the WAL).
func TestDeletedTextLeavesNoWALRemnant(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "los.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return now })
	say := func(id, text string) {
		t.Helper()
		if err := db.CreateConversation(ctx, &los.Conversation{ID: id, TokenHash: []byte{1}}); err != nil {
			t.Fatal(err)
		}
		if err := db.AddMessage(ctx, &los.Message{ConversationID: id, Role: los.RoleCustomer, Text: text, Created: now}); err != nil {
			t.Fatal(err)
		}
	}
	holds := func(secret string) []string {
		t.Helper()
		var in []string
		for _, f := range []string{"los.db", "los.db-wal"} {
			b, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			if bytes.Contains(b, []byte(secret)) {
				in = append(in, f)
			}
		}
		return in
	}

	say("deleted", "slettmegsnarttekst")
	say("kept", "beholdmegtekst")
	if in := holds("slettmegsnarttekst"); len(in) == 0 {
		t.Fatal("the text is in neither file before the delete: the test reads the wrong files")
	}
	if err := db.DeleteConversation(ctx, "deleted"); err != nil {
		t.Fatal(err)
	}
	if in := holds("slettmegsnarttekst"); len(in) > 0 {
		t.Errorf("after the customer's delete the text is still in %v", in)
	}
	if in := holds("beholdmegtekst"); len(in) == 0 {
		t.Error("the kept conversation's text is gone from the files")
	}

	now = now.Add(40 * 24 * time.Hour)
	if n, err := db.Purge(ctx, store.Retention{Conversations: 30 * 24 * time.Hour, Handoffs: 90 * 24 * time.Hour}); err != nil || n != 1 {
		t.Fatalf("purge: %d, %v", n, err)
	}
	if in := holds("beholdmegtekst"); len(in) > 0 {
		t.Errorf("after the retention job the purged text is still in %v", in)
	}
}
