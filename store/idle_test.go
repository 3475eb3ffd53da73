package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/los-bot/los/bot"
)

func TestCloseIdle(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return now })
	mk := func(id string, msgAt time.Time, handoff bool) {
		c := &bot.Conversation{ID: id, TokenHash: []byte{1}}
		if err := db.CreateConversation(ctx, c); err != nil {
			t.Fatal(err)
		}
		if !msgAt.IsZero() {
			if err := db.AddMessage(ctx, &bot.Message{ConversationID: id, Role: bot.RoleCustomer, Text: "hei", Created: msgAt}); err != nil {
				t.Fatal(err)
			}
		}
		if handoff {
			if err := db.RequestHandoff(ctx, c, bot.Triage{Category: bot.CategoryHumanRequest}, nil); err != nil {
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
	want := map[string]bot.Status{"quiet": bot.StatusClosed, "active": bot.StatusOpen, "never-spoke": bot.StatusOpen, "waiting": bot.StatusWaiting}
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
