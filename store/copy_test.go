package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/store"
)

// TestCopyToPostgres: an SQLite store with a bit of everything is copied
// whole to PostgreSQL, counted on both sides; the copy reads the same,
// new rows get new IDs; a second copy is refused without Force and
// replaces the target with it.
func TestCopyToPostgres(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	src := open(t)
	now := time.Date(2026, 2, 3, 10, 0, 0, 0, time.UTC)
	c := &los.Conversation{ID: "c1", TokenHash: []byte{1, 2, 3}, Lang: los.Nynorsk}
	must(t, src.CreateConversation(ctx, c))
	must(t, src.AddTurn(ctx, &los.Message{ConversationID: "c1", Role: los.RoleCustomer, Text: "Kva kostar straumen?", Created: now},
		&los.Message{ConversationID: "c1", Role: los.RoleBot, Text: "Sjå prislista.", Created: now, Citations: []string{"pris"}, NoAnswer: true}))
	must(t, src.RequestHandoff(ctx, c, bot.NewHandoff(c, los.Triage{Category: los.CategoryBereavement}, nil)))
	must(t, src.ImportArticles(ctx, []kb.Article{{Slug: "pris", Title: "Pris", Body: "## Pris\nSjå prislista.", Lang: los.Nynorsk, Published: true}}))
	if _, err := src.EditorArticles(ctx, false); err != nil { // adopts the article: article_docs, article_versions
		t.Fatal(err)
	}
	must(t, src.CreateUser(ctx, &auth.User{Email: "kari@example.no", Role: auth.RoleAgent, PasswordHash: "x"}))
	if _, _, err := src.NewAPIKey(ctx, "crm", []auth.Scope{auth.ScopeChat}); err != nil {
		t.Fatal(err)
	}
	must(t, src.Audit(ctx, los.AuditEntry{At: now, Actor: "kari@example.no", Role: "agent", Method: "GET", Route: "/x", Status: 200}))

	dst := openPG(t)
	var calls int
	counts, err := store.CopyTo(ctx, src, dst, store.CopyOptions{Progress: func(done, total int64) { calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, tc := range counts {
		if tc.Source != tc.Target {
			t.Errorf("%s: %d rows in the source, %d in the target", tc.Table, tc.Source, tc.Target)
		}
		rows += int(tc.Target)
	}
	if rows < 10 || calls == 0 {
		t.Errorf("copied %d rows in %d tables, %d progress reports", rows, len(counts), calls)
	}
	msgs, err := dst.Messages(ctx, "c1")
	if err != nil || len(msgs) != 2 || msgs[1].Text != "Sjå prislista." || !msgs[1].NoAnswer || msgs[1].Citations[0] != "pris" {
		t.Fatalf("messages on PostgreSQL: %+v, %v", msgs, err)
	}
	if got, err := dst.Conversation(ctx, "c1"); err != nil || string(got.TokenHash) != "\x01\x02\x03" || got.Status != los.StatusWaiting {
		t.Errorf("conversation on PostgreSQL: %+v, %v", got, err)
	}
	if a, err := dst.EditorArticle(ctx, "pris"); err != nil || !a.Published || a.Version != 1 {
		t.Errorf("editor article on PostgreSQL: %+v, %v", a, err)
	}
	m := &los.Message{ConversationID: "c1", Role: los.RoleCustomer, Text: "Takk", Created: now}
	if err := dst.AddMessage(ctx, m); err != nil || m.ID <= msgs[1].ID {
		t.Errorf("a new message got ID %d (%v), after %d", m.ID, err, msgs[1].ID)
	}

	if _, err := store.CopyTo(ctx, src, dst, store.CopyOptions{}); !errors.Is(err, store.ErrNotEmpty) {
		t.Errorf("copy into a full target: %v, want ErrNotEmpty", err)
	}
	if _, err := store.CopyTo(ctx, src, dst, store.CopyOptions{Force: true}); err != nil {
		t.Fatalf("copy with force: %v", err)
	}
	if msgs, _ := dst.Messages(ctx, "c1"); len(msgs) != 2 {
		t.Errorf("after a forced copy: %d messages, want the source's 2", len(msgs))
	}
	if err := dst.ExecForTest(ctx, `DELETE FROM audit_log`); err == nil {
		t.Error("the audit log is no longer append-only after a forced copy")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
