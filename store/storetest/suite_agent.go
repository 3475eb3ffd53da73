package storetest

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
)

// handedOver creates a conversation with a waiting handoff.
func handedOver(t *testing.T, db Store, id string, cat los.Category) {
	t.Helper()
	ctx := context.Background()
	c := &los.Conversation{ID: id, TokenHash: []byte{1}}
	if err := db.CreateConversation(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := db.RequestHandoff(ctx, c, bot.NewHandoff(c, los.Triage{Category: cat, Signals: []string{"s"}}, nil)); err != nil {
		t.Fatal(err)
	}
}

func status(t *testing.T, db Store, id string) los.Status {
	t.Helper()
	c, err := db.Conversation(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c.Status
}

func eventTypes(t *testing.T, db Store) string {
	t.Helper()
	evs, err := db.Events(context.Background(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, e := range evs {
		if e.Type != los.EventMessageCreated { // every message has one; see integrator_test.go
			types = append(types, e.Type)
		}
		if !json.Valid(e.Data) {
			t.Errorf("event %d data is not JSON: %s", e.ID, e.Data)
		}
	}
	return strings.Join(types, ",")
}

func testClaimReplyClose(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	handedOver(t, db, "c1", los.CategoryBereavement)

	if _, err := db.AgentReply(ctx, "c1", "kari@example.no", "Hei"); los.ErrorCode(err) != los.ECONFLICT {
		t.Errorf("reply before claiming: err = %v, want conflict", err)
	}
	h, err := db.Claim(ctx, "c1", "kari@example.no", "En kundebehandler har tatt over.")
	if err != nil {
		t.Fatal(err)
	}
	if h.Status != "claimed" || h.ClaimedBy != "kari@example.no" || status(t, db, "c1") != los.StatusAgent {
		t.Errorf("after claim: handoff %+v, status %s", h, status(t, db, "c1"))
	}
	if _, err := db.Claim(ctx, "c1", "kari@example.no", ""); err != nil {
		t.Errorf("claiming again by the holder: %v", err)
	}
	if _, err := db.Claim(ctx, "c1", "ola@example.no", ""); los.ErrorCode(err) != los.ECONFLICT || !strings.Contains(err.Error(), "kari@example.no") {
		t.Errorf("claim by another agent: err = %v, want a conflict naming the holder", err)
	}
	if _, err := db.AgentReply(ctx, "c1", "ola@example.no", "Hei"); los.ErrorCode(err) != los.ECONFLICT {
		t.Errorf("reply by another agent: err = %v, want conflict", err)
	}
	m, err := db.AgentReply(ctx, "c1", "kari@example.no", "Hei, jeg hjelper deg.")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CloseConversation(ctx, "c1", "ola@example.no", "resolved", ""); los.ErrorCode(err) != los.ECONFLICT {
		t.Errorf("close by another agent: err = %v, want conflict", err)
	}
	if err := db.CloseConversation(ctx, "c1", "kari@example.no", "solved?", ""); los.ErrorCode(err) != los.EINVALID {
		t.Errorf("unknown outcome: err = %v, want invalid", err)
	}
	if err := db.CloseConversation(ctx, "c1", "kari@example.no", "resolved", "Samtalen er avsluttet."); err != nil {
		t.Fatal(err)
	}
	if status(t, db, "c1") != los.StatusClosed {
		t.Errorf("status = %s, want closed", status(t, db, "c1"))
	}
	msgs, _ := db.Messages(ctx, "c1")
	var roles []string
	for _, x := range msgs {
		roles = append(roles, string(x.Role)+":"+x.Text)
	}
	want := "system:En kundebehandler har tatt over.|agent:Hei, jeg hjelper deg.|system:Samtalen er avsluttet."
	if got := strings.Join(roles, "|"); got != want || msgs[1].ID != m.ID {
		t.Errorf("messages = %s\nwant %s", got, want)
	}
	if q, _ := db.Queue(ctx); len(q) != 0 {
		t.Errorf("queue after close = %+v, want empty", q)
	}
	if got := eventTypes(t, db); got != "handoff.requested,handoff.claimed,conversation.closed" {
		t.Errorf("events = %s", got)
	}
	if err := db.CloseConversation(ctx, "c1", "kari@example.no", "resolved", ""); los.ErrorCode(err) != los.ECONFLICT {
		t.Errorf("closing twice: err = %v, want conflict", err)
	}
	h, err = db.LatestHandoff(ctx, "c1")
	if err != nil || h.Status != "closed" {
		t.Errorf("latest handoff = %+v, %v", h, err)
	}
}

func testHandBack(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	handedOver(t, db, "c1", los.CategoryHumanRequest)
	if _, err := db.Claim(ctx, "c1", "kari@example.no", ""); err != nil {
		t.Fatal(err)
	}
	if err := db.HandBack(ctx, "c1", "ola@example.no", ""); los.ErrorCode(err) != los.ECONFLICT {
		t.Errorf("hand back by another agent: err = %v, want conflict", err)
	}
	if err := db.HandBack(ctx, "c1", "kari@example.no", "Tilbake til Los."); err != nil {
		t.Fatal(err)
	}
	if status(t, db, "c1") != los.StatusOpen {
		t.Errorf("status = %s, want open", status(t, db, "c1"))
	}
	// The conversation can be handed over again.
	c, _ := db.Conversation(ctx, "c1")
	if err := db.RequestHandoff(ctx, c, bot.NewHandoff(c, los.Triage{Category: los.CategoryDistress}, nil)); err != nil {
		t.Fatal(err)
	}
	if q, _ := db.Queue(ctx); len(q) != 1 || q[0].Category != los.CategoryDistress {
		t.Errorf("queue = %+v, want the new handoff", q)
	}
	if got := eventTypes(t, db); got != "handoff.requested,handoff.claimed,handoff.returned,handoff.requested" {
		t.Errorf("events = %s", got)
	}
	if _, err := db.Claim(ctx, "nope", "kari@example.no", ""); los.ErrorCode(err) != los.ECONFLICT {
		t.Errorf("claiming a conversation never handed over: err = %v, want conflict", err)
	}
}

func testCallbacks(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return now })
	handedOver(t, db, "c1", los.CategoryIllness)
	handedOver(t, db, "c2", los.CategoryHumanRequest)
	first := &los.Callback{ConversationID: "c1", Name: "Kari", Phone: "+47 912 34 567", Note: "Etter kl. 12"}
	if err := db.CreateCallback(ctx, first); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Minute)
	second := &los.Callback{ConversationID: "c2", Name: "Ola", Phone: "41234567"}
	if err := db.CreateCallback(ctx, second); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateCallback(ctx, &los.Callback{ConversationID: "missing", Name: "X", Phone: "1"}); err == nil {
		t.Error("a ticket for a conversation that does not exist was stored")
	}
	if err := db.CompleteCallback(ctx, first.ID, "kari@example.no"); err != nil {
		t.Fatal(err)
	}
	if err := db.CompleteCallback(ctx, first.ID, "kari@example.no"); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("completing twice: err = %v, want not_found", err)
	}
	cbs, err := db.Callbacks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cbs) != 2 || cbs[0].ID != second.ID || cbs[0].Status != "open" || cbs[1].Status != "done" ||
		cbs[1].HandledBy != "kari@example.no" || cbs[1].Note != "Etter kl. 12" || cbs[1].Handled.IsZero() {
		t.Errorf("callbacks = %+v; want the open one first, then the done one", cbs)
	}
	if got := eventTypes(t, db); got != "handoff.requested,handoff.requested,callback.requested,callback.requested" {
		t.Errorf("events = %s", got)
	}
	evs, _ := db.Events(ctx, 3, 10)
	if len(evs) != 1 || evs[0].ConversationID != "c2" {
		t.Errorf("events after 3 = %+v, want the last one", evs)
	}
}
