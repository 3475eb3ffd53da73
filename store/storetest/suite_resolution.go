package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/store"
)

// testResolution decides, conversation by conversation, what became of
// the question: confirmed only when the customer said so, assumed only
// after seven quiet days, not resolved on any complaint, a return within
// seven days or no answer from the knowledge base, and too early to say
// before the seven days are over.
func testResolution(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	clk := &clock{}
	db.SetClock(clk.now)
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	ago := func(days float64) time.Time { return now.Add(-time.Duration(days * 24 * float64(time.Hour))) }
	kbAnswer := los.Message{Mode: los.ModeExtractive, Action: los.ActionAnswer, Category: los.CategoryNone, Citations: []string{"faktura"}}
	smallTalk := los.Message{Mode: los.ModeExtractive, Action: los.ActionAnswer, Category: los.CategoryNone, Citations: []string{}}

	convs := []struct {
		id       string
		at       time.Time
		reply    los.Message
		rating   int
		csat     int
		previous string // the conversation this one came back to
		want     string
	}{
		{id: "quiet-8-days", at: ago(8), reply: kbAnswer, want: los.ResolutionAssumed},
		{id: "quiet-2-days", at: ago(2), reply: kbAnswer, want: los.ResolutionPending},
		{id: "came-back", at: ago(10), reply: kbAnswer, want: los.ResolutionNotResolved},
		{id: "the-return", at: ago(7.5), reply: kbAnswer, previous: "came-back", want: los.ResolutionAssumed},
		{id: "thumbs-up-came-back", at: ago(20), reply: kbAnswer, rating: 1, want: los.ResolutionNotResolved},
		{id: "return-2", at: ago(19), reply: kbAnswer, previous: "thumbs-up-came-back", rating: 1, want: los.ResolutionConfirmed},
		{id: "back-after-9-days", at: ago(30), reply: kbAnswer, want: los.ResolutionAssumed},
		{id: "return-late", at: ago(21), reply: kbAnswer, previous: "back-after-9-days", csat: 3, want: los.ResolutionAssumed},
		{id: "small-talk-only", at: ago(10.1), reply: smallTalk, want: los.ResolutionNotResolved},
		{id: "csat-4-despite-thumbs-down", at: ago(1), reply: kbAnswer, rating: -1, csat: 4, want: los.ResolutionConfirmed},
		{id: "csat-2", at: ago(9), reply: kbAnswer, rating: 1, csat: 2, want: los.ResolutionNotResolved},
		{id: "csat-3-quiet", at: ago(9.1), reply: kbAnswer, csat: 3, want: los.ResolutionAssumed},
	}
	want := map[string]int{}
	for _, c := range convs {
		clk.t = c.at
		conv := &los.Conversation{ID: c.id, TokenHash: []byte{1}, Lang: los.Bokmal, Previous: c.previous}
		if err := db.CreateConversation(ctx, conv); err != nil {
			t.Fatal(err)
		}
		customer := &los.Message{ConversationID: c.id, Role: los.RoleCustomer, Text: "spørsmål", Created: c.at}
		reply := c.reply
		reply.ConversationID, reply.Role, reply.Text, reply.Created = c.id, los.RoleBot, "svar", c.at
		if err := db.AddTurn(ctx, customer, &reply); err != nil {
			t.Fatal(err)
		}
		if c.rating != 0 {
			if err := db.RateMessage(ctx, c.id, reply.ID, c.rating); err != nil {
				t.Fatal(err)
			}
		}
		if c.csat != 0 {
			if err := db.SetCSAT(ctx, &los.CSAT{ConversationID: c.id, Score: c.csat}); err != nil {
				t.Fatal(err)
			}
		}
		want[c.want]++
	}
	r, err := db.Analytics(ctx, los.Period{From: ago(40), To: now, Zone: time.UTC, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if r.Conversations != len(convs) {
		t.Fatalf("%d conversations, want %d", r.Conversations, len(convs))
	}
	for _, name := range los.ResolutionNames {
		if r.Resolution[name] != want[name] {
			t.Errorf("%s: %d, want %d (all: %v)", name, r.Resolution[name], want[name], r.Resolution)
		}
	}
	// One by one, through periods of one conversation each.
	for _, c := range convs {
		r, err := db.Analytics(ctx, los.Period{From: c.at, To: c.at.Add(time.Millisecond), Zone: time.UTC, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if r.Resolution[c.want] != 1 || r.Conversations != 1 {
			t.Errorf("%s: %v, want %s", c.id, r.Resolution, c.want)
		}
	}
	if c, err := db.Conversation(ctx, "the-return"); err != nil || c.Previous != "came-back" {
		t.Errorf("the return: %+v, %v; want it to name came-back", c, err)
	}
	// Deleting the earlier conversation leaves no trace of its ID.
	if err := db.DeleteConversation(ctx, "came-back"); err != nil {
		t.Fatal(err)
	}
	r, err = db.Analytics(ctx, los.Period{From: ago(7.5), To: ago(7.5).Add(time.Millisecond), Zone: time.UTC, Now: now})
	if err != nil || r.Resolution[los.ResolutionAssumed] != 1 {
		t.Errorf("the return after deleting what it returned to: %v, %v", r.Resolution, err)
	}
	if c, err := db.Conversation(ctx, "the-return"); err != nil || c.Previous != "" {
		t.Errorf("after deleting came-back: %+v, %v; want no trace of it", c, err)
	}
	// So does the retention job: conversations quiet for 19.5 days go, and
	// the ones that came back to them forget them.
	clk.t = now
	if _, err := db.Purge(ctx, store.Retention{Conversations: 19*24*time.Hour + 12*time.Hour, Handoffs: 90 * 24 * time.Hour}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Conversation(ctx, "thumbs-up-came-back"); los.ErrorCode(err) != los.ENOTFOUND {
		t.Fatalf("thumbs-up-came-back survived the retention job: %v", err)
	}
	if c, err := db.Conversation(ctx, "return-2"); err != nil || c.Previous != "" {
		t.Errorf("after the retention job: %+v, %v; want no trace of the purged one", c, err)
	}
}
