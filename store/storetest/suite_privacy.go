package storetest

import (
	"context"
	"testing"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
)

func testDeleteConversation(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	c := &los.Conversation{ID: "x", TokenHash: []byte{1}}
	if err := db.CreateConversation(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := db.RequestHandoff(ctx, c, bot.NewHandoff(c, los.Triage{Category: los.CategoryHumanRequest}, nil)); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteConversation(ctx, "x"); err != nil {
		t.Fatal(err)
	}
	if q, _ := db.Queue(ctx); len(q) != 0 {
		t.Errorf("handoff of a deleted conversation remains")
	}
	if err := db.DeleteConversation(ctx, "x"); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("second delete: %v", err)
	}
}
