package bot_test

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/store"
)

// countingStream streams a numbered answer and counts the generations.
func countingStream(n *atomic.Int64) *FakeGenerator {
	return &FakeGenerator{ChatFn: func(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error {
		k := n.Add(1)
		if err := fn(los.ChatResponse{Content: "Du endrer adressen på Min side [1]. Svar nummer " + string(rune('0'+k)) + "."}); err != nil {
			return err
		}
		return fn(los.ChatResponse{Done: true})
	}}
}

// sqliteHarness is a harness on a real SQLite store.
func sqliteHarness(t *testing.T, gen los.Chatter) (*harness, *store.DB) {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "los.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	h := newHarness(t, gen, fixedSources(srcAddress, srcEfaktura), nil, func(c *bot.Config) { c.Store, c.Handoffs = db, nil })
	if err := db.CreateConversation(context.Background(), &los.Conversation{ID: "c1", TokenHash: []byte{1}}); err != nil {
		t.Fatal(err)
	}
	return h, db
}

func TestRepeatedMessageGetsTheStoredReply(t *testing.T) {
	var gens atomic.Int64
	h, db := sqliteHarness(t, countingStream(&gens))
	ctx := context.Background()
	req := los.TurnRequest{ConversationID: "c1", Text: "Hvordan endrer jeg fakturaadressen min?", ClientID: "0b6f1c52-9d7e-4c1e-a3f0-5a1d2e3f4b5c"}
	first, err := h.bot.Turn(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	var tokens int
	req.OnToken = func(string) { tokens++ }
	again, err := h.bot.Turn(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if first.Repeated || !again.Repeated {
		t.Errorf("repeated = %v then %v, want false then true", first.Repeated, again.Repeated)
	}
	if again.Answer != first.Answer || again.MessageID != first.MessageID || again.Mode != first.Mode ||
		again.Action != first.Action || len(again.Citations) != 1 || again.Citations[0] != first.Citations[0] {
		t.Errorf("repeat %+v\nwant the stored reply %+v", again, first)
	}
	if gens.Load() != 1 || tokens != 0 {
		t.Errorf("%d generations, %d tokens streamed for the repeat; want 1 and 0", gens.Load(), tokens)
	}
	msgs, err := db.Messages(ctx, "c1")
	if err != nil || len(msgs) != 2 {
		t.Fatalf("stored %d messages (%v), want the question and its answer once", len(msgs), err)
	}
	// A different message ID is a new message, even with the same text.
	req.ClientID = "another"
	if res, err := h.bot.Turn(ctx, req); err != nil || res.Repeated || res.MessageID == first.MessageID {
		t.Fatalf("new client ID: %+v, %v", res, err)
	}
}

// The replica that stored a message died before answering it: the
// message sent again is answered now, once, and not stored again.
func TestStoredUnansweredMessageIsAnsweredOnce(t *testing.T) {
	var gens atomic.Int64
	h, db := sqliteHarness(t, countingStream(&gens))
	ctx := context.Background()
	const text = "Hvordan endrer jeg fakturaadressen min?"
	stored := &los.Message{ConversationID: "c1", Role: los.RoleCustomer, Text: text, Created: time.Now(), ClientID: "k-1"}
	if err := db.AddMessage(ctx, stored); err != nil {
		t.Fatal(err)
	}
	req := los.TurnRequest{ConversationID: "c1", Text: text, ClientID: "k-1"}
	res, err := h.bot.Turn(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Repeated || res.Mode != los.ModeGenerated || res.MessageID == 0 || gens.Load() != 1 {
		t.Fatalf("answer to the stored message: %+v after %d generations", res, gens.Load())
	}
	again, err := h.bot.Turn(ctx, req)
	if err != nil || again.MessageID != res.MessageID || again.Answer != res.Answer || gens.Load() != 1 {
		t.Fatalf("third send: %+v, %v after %d generations; want the reply stored by the second", again, err, gens.Load())
	}
	msgs, err := db.Messages(ctx, "c1")
	if err != nil || len(msgs) != 2 || msgs[0].ID != stored.ID || msgs[1].ID != res.MessageID {
		t.Fatalf("messages %+v (%v); want the stored question and one answer", msgs, err)
	}
}

// The replica stored a handoff reply and died before requesting the
// handoff: the repeat requests it.
func TestRepeatedHandoffIsRequested(t *testing.T) {
	h := newHarness(t, nil, fixedSources(srcAddress), nil)
	id := h.conversation(t)
	ctx := context.Background()
	q := &los.Message{ConversationID: id, Role: los.RoleCustomer, Text: "Jeg vil snakke med et menneske.", ClientID: "k", Signals: []string{"lexicon:human"}}
	a := &los.Message{ConversationID: id, Role: los.RoleBot, Text: "Jeg sender deg videre.", Mode: los.ModeExtractive,
		Action: los.ActionHandoffNow, Category: los.CategoryHumanRequest, Citations: []string{}}
	if err := h.store.AddTurn(ctx, q, a); err != nil {
		t.Fatal(err)
	}
	res, err := h.bot.Turn(ctx, los.TurnRequest{ConversationID: id, Text: q.Text, ClientID: "k"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Repeated || res.Action != los.ActionHandoffNow || res.Answer != a.Text || res.MessageID != a.ID {
		t.Errorf("repeat: %+v", res)
	}
	if len(h.handoffs.got) != 1 || h.handoffs.got[0].Category != los.CategoryHumanRequest {
		t.Errorf("handoffs requested: %+v; want one, for the human request", h.handoffs.got)
	}
}

func TestClientIDValidated(t *testing.T) {
	h := newHarness(t, nil, fixedSources(srcAddress), nil)
	id := h.conversation(t)
	for _, bad := range []string{"has space", "æøå", string(make([]byte, 65))} {
		_, err := h.bot.Turn(context.Background(), los.TurnRequest{ConversationID: id, Text: "Hei", ClientID: bad})
		if los.ErrorCode(err) != los.EINVALID {
			t.Errorf("client ID %q: %v, want invalid", bad, err)
		}
	}
	if msgs, _ := h.store.Messages(context.Background(), id); len(msgs) != 0 {
		t.Errorf("%d messages stored for refused requests", len(msgs))
	}
}
