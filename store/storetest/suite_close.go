package storetest

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/store"
)

var answered = los.Message{Mode: los.ModeGenerated, Action: los.ActionAnswer, Category: los.CategoryNone}

// held brings a new conversation with one question and reply to a state:
// open (the bot holds it), waiting (handed over), agent (taken over) or
// closed (by the customer already).
func held(t *testing.T, db Store, id string, state los.Status, reply los.Message) {
	t.Helper()
	ctx := context.Background()
	conv := &los.Conversation{ID: id, TokenHash: []byte{1}, Lang: los.Bokmal}
	if err := db.CreateConversation(ctx, conv); err != nil {
		t.Fatal(err)
	}
	q := &los.Message{ConversationID: id, Role: los.RoleCustomer, Text: "spørsmål", Created: time.Now()}
	a := &reply
	a.ConversationID, a.Role, a.Text, a.Created = id, los.RoleBot, "svar", time.Now()
	if err := db.AddTurn(ctx, q, a); err != nil {
		t.Fatal(err)
	}
	if state == los.StatusWaiting || state == los.StatusAgent {
		if err := db.RequestHandoff(ctx, conv, bot.NewHandoff(conv, los.Triage{Category: los.CategoryHumanRequest}, nil)); err != nil {
			t.Fatal(err)
		}
	}
	if state == los.StatusAgent {
		if _, err := db.Claim(ctx, id, "kari@example.no", ""); err != nil {
			t.Fatal(err)
		}
	}
	if state == los.StatusClosed {
		if _, err := db.CloseByCustomer(ctx, id, ""); err != nil {
			t.Fatal(err)
		}
	}
}

func testCloseByCustomer(t *testing.T, open Opener) {
	ctx := context.Background()
	tests := []struct {
		name     string
		state    los.Status
		closes   bool // this call closes it
		handoff  bool // the event names the handoff it closed
		messages int  // in the transcript afterwards
		lastRole los.Role
	}{
		{name: "the bot holds it", state: los.StatusOpen, closes: true, messages: 3, lastRole: los.RoleSystem},
		{name: "waiting for an agent", state: los.StatusWaiting, closes: true, handoff: true, messages: 3, lastRole: los.RoleSystem},
		{name: "an agent holds it", state: los.StatusAgent, closes: true, handoff: true, messages: 3, lastRole: los.RoleSystem},
		{name: "closed already", state: los.StatusClosed, messages: 2, lastRole: los.RoleBot},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := open(t)
			held(t, db, "c", tt.state, answered)
			before, err := db.Events(ctx, 0, 100)
			if err != nil {
				t.Fatal(err)
			}
			closed, err := db.CloseByCustomer(ctx, "c", "Du har avsluttet samtalen.")
			if err != nil || closed != tt.closes {
				t.Fatalf("closed = %v (%v), want %v", closed, err, tt.closes)
			}
			if c, err := db.Conversation(ctx, "c"); err != nil || c.Status != los.StatusClosed {
				t.Errorf("status %v (%v), want closed", c.Status, err)
			}
			msgs, err := db.Messages(ctx, "c")
			if err != nil || len(msgs) != tt.messages || msgs[len(msgs)-1].Role != tt.lastRole {
				t.Errorf("transcript %+v (%v), want %d messages ending with %s", msgs, err, tt.messages, tt.lastRole)
			}
			if q, err := db.Queue(ctx); err != nil || len(q) != 0 {
				t.Errorf("queue = %+v (%v), want empty", q, err)
			}
			if h, err := db.LatestHandoff(ctx, "c"); err == nil && h.Status != "closed" {
				t.Errorf("handoff status %q, want closed", h.Status)
			}
			after, err := db.Events(ctx, 0, 100)
			if err != nil {
				t.Fatal(err)
			}
			var added []los.Event
			for _, e := range after[len(before):] {
				if e.Type != los.EventMessageCreated { // the notice's
					added = append(added, e)
				}
			}
			if !tt.closes {
				if len(added) != 0 {
					t.Errorf("closing again recorded %+v", added)
				}
				return
			}
			if len(added) != 1 || added[0].Type != los.EventConversationClose || added[0].ConversationID != "c" {
				t.Fatalf("events added = %+v, want one conversation.closed", added)
			}
			var data map[string]any
			if err := json.Unmarshal(added[0].Data, &data); err != nil {
				t.Fatal(err)
			}
			_, hasHandoff := data["handoff_id"]
			if data["reason"] != store.CloseReasonCustomer || hasHandoff != tt.handoff {
				t.Errorf("event data = %v, want reason customer, handoff_id %v", data, tt.handoff)
			}
			if tt.handoff && data["outcome"] != store.OutcomeCustomerClosed {
				t.Errorf("event data = %v, want outcome %s", data, store.OutcomeCustomerClosed)
			}
		})
	}
	t.Run("unknown conversation", func(t *testing.T) {
		if _, err := open(t).CloseByCustomer(ctx, "nope", ""); los.ErrorCode(err) != los.ENOTFOUND {
			t.Errorf("error %v, want not found", err)
		}
	})
}

// TestOutcomeOfCustomerClose: closing by the customer is no outcome of its
// own; the conversation counts as its messages and handoffs say.
func testOutcomeOfCustomerClose(t *testing.T, open Opener) {
	ctx := context.Background()
	at := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	noAnswer := los.Message{Mode: los.ModeExtractive, Action: los.ActionOfferHandoff, Category: los.CategoryNone, NoAnswer: true}
	tests := []struct {
		name    string
		state   los.Status
		reply   los.Message
		rating  int
		outcome string
	}{
		{name: "answered", state: los.StatusOpen, reply: answered, outcome: "resolved"},
		{name: "answered, then thumbs-down", state: los.StatusOpen, reply: answered, rating: -1, outcome: "abandoned"},
		{name: "answered, then thumbs-up", state: los.StatusOpen, reply: answered, rating: 1, outcome: "resolved"},
		{name: "no answer at the end", state: los.StatusOpen, reply: noAnswer, outcome: "abandoned"},
		{name: "waiting for an agent", state: los.StatusWaiting, reply: answered, outcome: "handed_over"},
		{name: "an agent held it", state: los.StatusAgent, reply: answered, outcome: "handed_over"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := open(t)
			db.SetClock(func() time.Time { return at })
			held(t, db, "c", tt.state, tt.reply)
			if tt.rating != 0 {
				msgs, err := db.Messages(ctx, "c")
				if err != nil {
					t.Fatal(err)
				}
				if err := db.RateMessage(ctx, "c", msgs[len(msgs)-1].ID, tt.rating); err != nil {
					t.Fatal(err)
				}
			}
			if closed, err := db.CloseByCustomer(ctx, "c", "Du har avsluttet samtalen."); err != nil || !closed {
				t.Fatalf("closed = %v (%v)", closed, err)
			}
			r, err := db.Analytics(ctx, los.Period{From: at.Add(-time.Hour), To: at.Add(time.Hour), Zone: time.UTC})
			if err != nil {
				t.Fatal(err)
			}
			if r.Conversations != 1 || r.Outcomes[tt.outcome] != 1 {
				t.Errorf("%d conversations, outcomes %v; want one %s", r.Conversations, r.Outcomes, tt.outcome)
			}
		})
	}
}

// TestNothingAfterTheEnd: a turn or handoff that was under way when the
// conversation closed (the customer ended it, an agent closed it, the idle
// job) is refused, so nothing appears after the end and the conversation
// is not reopened behind the customer's back.
func testNothingAfterTheEnd(t *testing.T, open Opener) {
	ctx := context.Background()
	tests := []struct {
		name  string
		write func(db Store, id string) error
	}{
		{name: "turn", write: func(db Store, id string) error {
			q := &los.Message{ConversationID: id, Role: los.RoleCustomer, Text: "hei igjen", Created: time.Now()}
			a := &los.Message{ConversationID: id, Role: los.RoleBot, Text: "svar", Created: time.Now()}
			return db.AddTurn(ctx, q, a)
		}},
		{name: "message", write: func(db Store, id string) error {
			return db.AddMessage(ctx, &los.Message{ConversationID: id, Role: los.RoleBot, Text: "svar", Created: time.Now()})
		}},
		{name: "handoff", write: func(db Store, id string) error {
			return db.RequestHandoff(ctx, &los.Conversation{ID: id}, bot.NewHandoff(&los.Conversation{ID: id}, los.Triage{Category: los.CategorySelfHarm, Severity: los.SeverityCritical}, nil))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := open(t)
			held(t, db, "c", los.StatusClosed, answered)
			before, err := db.Events(ctx, 0, 100)
			if err != nil {
				t.Fatal(err)
			}
			msgs, _ := db.Messages(ctx, "c")
			if err := tt.write(db, "c"); los.ErrorCode(err) != los.ECONFLICT {
				t.Fatalf("writing to a closed conversation: %v, want a conflict", err)
			}
			conv, err := db.Conversation(ctx, "c")
			if err != nil || conv.Status != los.StatusClosed {
				t.Errorf("status = %v (%v), want closed", conv, err)
			}
			after, _ := db.Events(ctx, 0, 100)
			again, _ := db.Messages(ctx, "c")
			if len(after) != len(before) || len(again) != len(msgs) {
				t.Errorf("events %d -> %d, messages %d -> %d: something was added after the end", len(before), len(after), len(msgs), len(again))
			}
			if q, _ := db.Queue(ctx); len(q) != 0 {
				t.Errorf("queue = %v, want empty", q)
			}
		})
	}
}
