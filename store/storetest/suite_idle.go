package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
)

func testCloseIdle(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return now })
	mk := func(id string, msgAt time.Time, handoff bool) {
		c := &los.Conversation{ID: id, TokenHash: []byte{1}}
		if err := db.CreateConversation(ctx, c); err != nil {
			t.Fatal(err)
		}
		if !msgAt.IsZero() {
			if err := db.AddMessage(ctx, &los.Message{ConversationID: id, Role: los.RoleCustomer, Text: "hei", Created: msgAt}); err != nil {
				t.Fatal(err)
			}
		}
		if handoff {
			if err := db.RequestHandoff(ctx, c, bot.NewHandoff(c, los.Triage{Category: los.CategoryHumanRequest}, nil)); err != nil {
				t.Fatal(err)
			}
		}
	}
	mk("quiet", now.Add(-2*time.Hour), false)
	mk("active", now.Add(-5*time.Minute), false)
	mk("never-spoke", time.Time{}, false)
	mk("waiting", now.Add(-2*time.Hour), true)

	n, err := db.CloseIdle(ctx, now.Add(-30*time.Minute))
	if err != nil || n != 1 {
		t.Fatalf("closed %d (%v), want 1", n, err)
	}
	want := map[string]los.Status{"quiet": los.StatusClosed, "active": los.StatusOpen, "never-spoke": los.StatusOpen, "waiting": los.StatusWaiting}
	for id, st := range want {
		c, err := db.Conversation(ctx, id)
		if err != nil || c.Status != st {
			t.Errorf("%s: status %v (%v), want %s", id, c.Status, err, st)
		}
	}
	if n, _ := db.CloseIdle(ctx, now.Add(-30*time.Minute)); n != 0 {
		t.Errorf("second run closed %d more", n)
	}
	events, err := db.Events(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	closed := 0
	for _, e := range events {
		if e.Type == "conversation.closed" && e.ConversationID == "quiet" {
			closed++
		}
	}
	if closed != 1 {
		t.Errorf("%d conversation.closed events for the quiet conversation, want 1", closed)
	}
}

func testCloseIdleConversation(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	now := time.Date(2026, 3, 29, 12, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return now })
	before := now.Add(-30 * time.Minute)
	tests := []struct {
		name    string
		msgAt   time.Time // zero: nobody wrote
		handoff bool
		want    bool
	}{
		{name: "quiet", msgAt: now.Add(-31 * time.Minute), want: true},
		{name: "just inside the spell", msgAt: before},
		{name: "active", msgAt: now.Add(-time.Minute)},
		{name: "never spoke"},
		{name: "handed over", msgAt: now.Add(-2 * time.Hour), handoff: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &los.Conversation{ID: tt.name, TokenHash: []byte{1}}
			if err := db.CreateConversation(ctx, c); err != nil {
				t.Fatal(err)
			}
			if !tt.msgAt.IsZero() {
				if err := db.AddMessage(ctx, &los.Message{ConversationID: c.ID, Role: los.RoleCustomer, Text: "hei", Created: tt.msgAt}); err != nil {
					t.Fatal(err)
				}
			}
			if tt.handoff {
				if err := db.RequestHandoff(ctx, c, bot.NewHandoff(c, los.Triage{Category: los.CategoryHumanRequest}, nil)); err != nil {
					t.Fatal(err)
				}
			}
			closed, err := db.CloseIdleConversation(ctx, c.ID, before)
			if err != nil || closed != tt.want {
				t.Fatalf("closed %v (%v), want %v", closed, err, tt.want)
			}
			got, err := db.Conversation(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if (got.Status == los.StatusClosed) != tt.want {
				t.Errorf("status %s after closed=%v", got.Status, tt.want)
			}
			if again, _ := db.CloseIdleConversation(ctx, c.ID, before); again {
				t.Error("closed twice")
			}
		})
	}
	// Only the named conversation is closed.
	if n, err := db.CloseIdle(ctx, now); err != nil || n != 2 {
		t.Errorf("the idle job closed %d (%v), want the 2 left open with messages", n, err)
	}
}
