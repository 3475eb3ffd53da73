package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/los-bot/los"
)

// clientConv starts conversation id for the client ID tests.
func clientConv(t *testing.T, db Store, id string) {
	t.Helper()
	if err := db.CreateConversation(context.Background(), &los.Conversation{ID: id, TokenHash: []byte{1}, Lang: los.Bokmal}); err != nil {
		t.Fatal(err)
	}
}

func clientTurn(conv, clientID, question, answer string) (q, a *los.Message) {
	q = &los.Message{ConversationID: conv, Role: los.RoleCustomer, Text: question, Created: time.Now(), ClientID: clientID}
	a = &los.Message{ConversationID: conv, Role: los.RoleBot, Text: answer, Created: time.Now(),
		Mode: los.ModeGenerated, Action: los.ActionAnswer, Citations: []string{"faktura"}}
	return q, a
}

// messageEvents counts the message.created events of a conversation.
func messageEvents(t *testing.T, db Store, conv string) int {
	t.Helper()
	evs, err := db.Events(context.Background(), 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range evs {
		if e.ConversationID == conv && e.Type == los.EventMessageCreated {
			n++
		}
	}
	return n
}

func testClientIDStoredOnce(t *testing.T, open Opener) {
	db, ctx := open(t), context.Background()
	clientConv(t, db, "c")
	clientConv(t, db, "d")
	q, a := clientTurn("c", "k1", "Hvordan endrer jeg fakturaadressen?", "På Min side.")
	if err := db.AddTurn(ctx, q, a); err != nil {
		t.Fatal(err)
	}
	if q.Repeat || a.Repeat || a.ClientID != "k1" {
		t.Fatalf("first turn: customer repeat %v, reply repeat %v, reply client ID %q", q.Repeat, a.Repeat, a.ClientID)
	}
	q2, a2 := clientTurn("c", "k1", "Hvordan endrer jeg fakturaadressen?", "Et annet svar, skrevet på nytt.")
	if err := db.AddTurn(ctx, q2, a2); err != nil {
		t.Fatal(err)
	}
	if !q2.Repeat || !a2.Repeat || q2.ID != q.ID || a2.ID != a.ID || a2.Text != "På Min side." || a2.Citations[0] != "faktura" {
		t.Fatalf("repeat: customer %+v, reply %+v; want the stored pair %d, %d", q2, a2, q.ID, a.ID)
	}
	// The same client ID in another conversation, and messages without one.
	q3, a3 := clientTurn("d", "k1", "Hvordan endrer jeg fakturaadressen?", "På Min side.")
	if err := db.AddTurn(ctx, q3, a3); err != nil || q3.Repeat {
		t.Fatalf("same ID, other conversation: repeat %v, %v", q3.Repeat, err)
	}
	for range 2 {
		q4, a4 := clientTurn("c", "", "Og e-faktura?", "I nettbanken.")
		if err := db.AddTurn(ctx, q4, a4); err != nil || q4.Repeat {
			t.Fatalf("no client ID: repeat %v, %v", q4.Repeat, err)
		}
	}
	msgs, err := db.Messages(ctx, "c")
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 6 || msgs[0].ClientID != "k1" || msgs[1].ClientID != "k1" || msgs[2].ClientID != "" {
		t.Fatalf("messages %+v; want the k1 pair once and two pairs without a client ID", msgs)
	}
	if n := messageEvents(t, db, "c"); n != 6 {
		t.Errorf("%d message.created events, want 6 (none for the repeat)", n)
	}
	cq, ca, err := db.ClientTurn(ctx, "c", "k1")
	if err != nil || cq == nil || ca == nil || cq.ID != q.ID || ca.ID != a.ID {
		t.Fatalf("ClientTurn: %+v, %+v, %v", cq, ca, err)
	}
	if cq, ca, err := db.ClientTurn(ctx, "c", "nothing"); err != nil || cq != nil || ca != nil {
		t.Fatalf("ClientTurn of an unknown ID: %+v, %+v, %v", cq, ca, err)
	}
}

// A message stored without a reply (held for an agent, or its replica
// died) is stored once more only as its reply.
func testClientIDUnansweredThenAnswered(t *testing.T, open Opener) {
	db, ctx := open(t), context.Background()
	clientConv(t, db, "c")
	q, _ := clientTurn("c", "k2", "Er dere der?", "")
	if err := db.AddMessage(ctx, q); err != nil {
		t.Fatal(err)
	}
	again, _ := clientTurn("c", "k2", "Er dere der?", "")
	if err := db.AddMessage(ctx, again); err != nil || !again.Repeat || again.ID != q.ID {
		t.Fatalf("repeated AddMessage: %+v, %v", again, err)
	}
	if cq, ca, err := db.ClientTurn(ctx, "c", "k2"); err != nil || cq == nil || ca != nil {
		t.Fatalf("ClientTurn before the answer: %+v, %+v, %v", cq, ca, err)
	}
	q2, a2 := clientTurn("c", "k2", "Er dere der?", "Ja, hva lurer du på?")
	if err := db.AddTurn(ctx, q2, a2); err != nil {
		t.Fatal(err)
	}
	if !q2.Repeat || a2.Repeat || a2.ID == 0 || a2.ClientID != "k2" {
		t.Fatalf("answer to the stored message: customer %+v, reply %+v", q2, a2)
	}
	msgs, err := db.Messages(ctx, "c")
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 || msgs[0].ID != q.ID || msgs[1].ID != a2.ID {
		t.Fatalf("messages %+v; want the question once and its answer", msgs)
	}
	if _, ca, err := db.ClientTurn(ctx, "c", "k2"); err != nil || ca == nil || ca.ID != a2.ID {
		t.Fatalf("ClientTurn after the answer: %+v, %v", ca, err)
	}
}

// The same message sent to two replicas at once is stored once, and
// every request gets the one reply stored.
func testClientIDSentTwiceAtOnce(t *testing.T, open Opener) {
	db, ctx := open(t), context.Background()
	clientConv(t, db, "c")
	const n = 6
	replies := make([]int64, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			q, a := clientTurn("c", "k3", "Hvordan endrer jeg fakturaadressen?", "Svar nummer "+string(rune('A'+i)))
			if err := db.AddTurn(ctx, q, a); err != nil {
				t.Errorf("request %d: %v", i, err)
				return
			}
			replies[i] = a.ID
		})
	}
	wg.Wait()
	msgs, err := db.Messages(ctx, "c")
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 {
		t.Fatalf("%d messages stored, want one question and one reply: %+v", len(msgs), msgs)
	}
	for i, id := range replies {
		if id != msgs[1].ID {
			t.Errorf("request %d got reply %d, want the stored %d", i, id, msgs[1].ID)
		}
	}
}
