package store_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/store"
)

func TestAPIKeysCreateFindTouchRevoke(t *testing.T) {
	t.Parallel()
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			testAPIKeys(t, e.open(t))
		})
	}
}

func testAPIKeys(t *testing.T, db *store.DB) {
	ctx := context.Background()
	key, k, err := db.NewAPIKey(ctx, "crm", []auth.Scope{auth.ScopeChat, auth.ScopeAgent})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.APIKeyByHash(ctx, auth.HashKey(key))
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != k.ID || got.Name != "crm" || !got.Has(auth.ScopeAgent) || got.Has(auth.ScopeAdmin) || got.LastUsed != nil {
		t.Fatalf("key = %+v", got)
	}
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	if err := db.TouchAPIKey(ctx, k.ID, at); err != nil {
		t.Fatal(err)
	}
	if err := db.RevokeAPIKey(ctx, k.ID); err != nil {
		t.Fatal(err)
	}
	keys, err := db.APIKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 1 || keys[0].LastUsed == nil || !keys[0].LastUsed.Equal(at) || keys[0].Revoked == nil {
		t.Fatalf("keys = %+v", keys)
	}
	if _, err := db.APIKeyByHash(ctx, auth.HashKey(key+"x")); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("unknown key: err = %v", err)
	}
	if err := db.RevokeAPIKey(ctx, 999); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("revoke unknown: err = %v", err)
	}
}

// TestFanOutQueuesSubscribedEventsDurably checks that only events after a
// webhook's creation, of the types it names, are queued, once, and that
// the queue survives reopening the store.
func TestFanOutQueuesSubscribedEventsDurably(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "los.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	conv := &los.Conversation{ID: "c1", TokenHash: []byte("h"), Status: los.StatusOpen}
	if err := db.CreateConversation(ctx, conv); err != nil {
		t.Fatal(err)
	}
	addMsg := func(text string) {
		t.Helper()
		if err := db.AddMessage(ctx, &los.Message{ConversationID: "c1", Role: los.RoleCustomer, Text: text, Created: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	addMsg("før") // before the webhook: never delivered
	w := &los.Webhook{URL: "http://127.0.0.1:1/hook", Events: []string{los.EventMessageCreated}, Secret: "s", Active: true}
	if err := db.CreateWebhook(ctx, w); err != nil {
		t.Fatal(err)
	}
	other := &los.Webhook{URL: "http://127.0.0.1:1/other", Events: []string{los.EventConversationClose}, Secret: "s", Active: true}
	if err := db.CreateWebhook(ctx, other); err != nil {
		t.Fatal(err)
	}
	addMsg("etter")
	body := func(e los.Event) ([]byte, error) { return json.Marshal(map[string]any{"id": e.ID, "type": e.Type}) }
	for range 2 { // the second run finds nothing new
		if _, err := db.FanOut(ctx, 100, body); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	db, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	due, err := db.DueDeliveries(ctx, time.Now().Add(time.Second), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 1 || due[0].WebhookID != w.ID || due[0].EventType != los.EventMessageCreated || due[0].URL != w.URL {
		t.Fatalf("due = %+v", due)
	}
	if n, _ := db.Deliveries(ctx, other.ID, 10); len(n) != 0 {
		t.Errorf("unsubscribed webhook got %d deliveries", len(n))
	}
}

// TestIntegratorEventsInTheOutbox checks the events integrators hear of
// are written with the changes: every message, a rating, a publication.
func TestIntegratorEventsInTheOutbox(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	if err := db.CreateConversation(ctx, &los.Conversation{ID: "c1", TokenHash: []byte("h"), Status: los.StatusOpen}); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	q := &los.Message{ConversationID: "c1", Role: los.RoleCustomer, Text: "Hei", Created: now}
	a := &los.Message{ConversationID: "c1", Role: los.RoleBot, Text: "Hei!", Created: now}
	if err := db.AddTurn(ctx, q, a); err != nil {
		t.Fatal(err)
	}
	if err := db.RateMessage(ctx, "c1", a.ID, 1); err != nil {
		t.Fatal(err)
	}
	if err := db.RateMessage(ctx, "c1", q.ID, 1); los.ErrorCode(err) != los.ENOTFOUND {
		t.Fatalf("rating a customer message: %v", err)
	}
	if _, err := db.CreateArticle(ctx, kb.Article{Slug: "faktura", Title: "Faktura", Body: "Tekst.", Lang: los.Bokmal}, "ida"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Publish(ctx, "faktura", 1, "ida"); err != nil {
		t.Fatal(err)
	}
	evs, err := db.Events(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range evs {
		got = append(got, e.Type+" "+string(e.Data))
	}
	want := []string{
		`message.created {"message_id":` + strconv.FormatInt(q.ID, 10) + `,"role":"customer"}`,
		`message.created {"message_id":` + strconv.FormatInt(a.ID, 10) + `,"role":"bot"}`,
		`feedback.received {"message_id":` + strconv.FormatInt(a.ID, 10) + `,"rating":1}`,
		`article.published {"lang":"nb","slug":"faktura","version":1}`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
