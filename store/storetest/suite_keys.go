package storetest

import (
	"context"
	"testing"

	"github.com/los-bot/los"
)

// testConversationKey: a conversation keeps the API key that started it.
func testConversationKey(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	for _, c := range []*los.Conversation{{ID: "by-key", TokenHash: []byte{1}, KeyID: 7}, {ID: "own", TokenHash: []byte{2}}} {
		if err := db.CreateConversation(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	for id, want := range map[string]int64{"by-key": 7, "own": 0} {
		c, err := db.Conversation(ctx, id)
		if err != nil || c.KeyID != want {
			t.Errorf("Conversation(%s).KeyID = %+v, %v; want %d", id, c, err, want)
		}
	}
}
