package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
)

// TestCallbackPending: an offer of a call-back stands while the
// conversation waits for a person and no call-back was asked for since.
func testCallbackPending(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	clk := &clock{t: time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC)}
	db.SetClock(clk.now)
	tests := []struct {
		name    string
		offer   bool
		ask     bool // the customer asks for a call-back after the offer
		reoffer bool // and is offered one again
		status  los.Status
		want    bool
	}{
		{name: "offered", offer: true, status: los.StatusWaiting, want: true},
		{name: "never offered", status: los.StatusWaiting},
		{name: "asked for", offer: true, ask: true, status: los.StatusWaiting},
		{name: "offered again", offer: true, ask: true, reoffer: true, status: los.StatusWaiting, want: true},
		{name: "an agent took it", offer: true, status: los.StatusAgent},
		{name: "closed", offer: true, status: los.StatusClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &los.Conversation{ID: tt.name, TokenHash: []byte{1}}
			if err := db.CreateConversation(ctx, c); err != nil {
				t.Fatal(err)
			}
			handoff := func() {
				clk.t = clk.t.Add(time.Second)
				m := &los.Message{ConversationID: c.ID, Role: los.RoleBot, Text: "Ingen er ledige nå.", Created: clk.t, Action: los.ActionHandoffNow}
				if tt.offer {
					m.Signals = []string{los.SignalCallbackOffered}
				}
				if err := db.AddMessage(ctx, m); err != nil {
					t.Fatal(err)
				}
			}
			handoff()
			if tt.ask {
				clk.t = clk.t.Add(time.Second)
				if err := db.CreateCallback(ctx, &los.Callback{ConversationID: c.ID, Name: "Kari", Phone: "91234567"}); err != nil {
					t.Fatal(err)
				}
			}
			if tt.reoffer {
				handoff()
			}
			if err := db.SetConversationStatus(ctx, c.ID, tt.status); err != nil {
				t.Fatal(err)
			}
			got, err := db.CallbackPending(ctx, c.ID)
			if err != nil || got != tt.want {
				t.Errorf("pending = %v (%v), want %v", got, err, tt.want)
			}
		})
	}
}

func testCitedTitles(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	if err := db.ImportArticles(ctx, []kb.Article{
		{Slug: "faktura", Title: "Fakturaen din", Body: "Tekst.", Lang: "nb", Published: true},
		{Slug: "flytting", Title: "Melde flytting", Body: "Tekst.", Lang: "nb", Published: true},
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateConversation(ctx, &los.Conversation{ID: "c", TokenHash: []byte{1}}); err != nil {
		t.Fatal(err)
	}
	for _, cites := range [][]string{{"faktura"}, {"flytting", "slettet-artikkel"}} {
		if err := db.AddMessage(ctx, &los.Message{ConversationID: "c", Role: los.RoleBot, Text: "svar", Created: time.Now(), Citations: cites}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.CitedTitles(ctx, "c")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"faktura": "Fakturaen din", "flytting": "Melde flytting"}
	if len(got) != len(want) || got["faktura"] != want["faktura"] || got["flytting"] != want["flytting"] {
		t.Errorf("titles = %v, want %v", got, want)
	}
}
