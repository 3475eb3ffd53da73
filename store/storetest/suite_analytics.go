package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
)

// clock is a settable clock for the store.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// turn is one customer message and the bot's reply in a seeded
// conversation.
type turn struct {
	reply      los.Message
	rating     int
	firstToken float64
}

// seedAnalytics stores six conversations from 2 to 4 November 2026 (UTC)
// with known outcomes, one empty conversation, and one outside the period.
func seedAnalytics(t *testing.T, db Store) {
	t.Helper()
	ctx := context.Background()
	clk := &clock{}
	db.SetClock(clk.now)
	day := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, time.UTC) }
	answer := func(cites ...string) los.Message {
		return los.Message{Mode: los.ModeGenerated, Action: los.ActionAnswer, Category: los.CategoryNone, Citations: cites}
	}
	handoff := func(c los.Category) los.Message {
		return los.Message{Mode: los.ModeExtractive, Action: los.ActionHandoffNow, Category: c}
	}
	noAnswer := los.Message{Mode: los.ModeExtractive, Action: los.ActionOfferHandoff, Category: los.CategoryNone, NoAnswer: true}
	convs := []struct {
		id      string
		lang    los.Standard
		at      time.Time
		turns   []turn
		handoff los.Category
		claimAt time.Time
		back    bool
		csat    int
	}{
		{id: "c1", lang: los.Bokmal, at: day(2, 10, 0), turns: []turn{{reply: answer("faktura"), rating: 1, firstToken: 100}}, csat: 5},
		{id: "c2", lang: los.Bokmal, at: day(2, 11, 0), turns: []turn{{reply: answer("faktura"), rating: -1, firstToken: 300}}, csat: 2},
		{id: "c3", lang: los.Bokmal, at: day(2, 12, 0), turns: []turn{{reply: noAnswer}}},
		{id: "c4", lang: los.Bokmal, at: day(3, 12, 0), turns: []turn{{reply: handoff(los.CategoryBereavement)}},
			handoff: los.CategoryBereavement, claimAt: day(3, 12, 2), csat: 4},
		{id: "c5", lang: los.Nynorsk, at: day(3, 13, 0), turns: []turn{
			{reply: answer("flytting"), firstToken: 200},
			{reply: answer("faktura", "flytting"), rating: 1, firstToken: 400},
		}, csat: 3},
		{id: "c6", lang: los.Bokmal, at: day(4, 9, 0), turns: []turn{{reply: handoff(los.CategoryHumanRequest)}},
			handoff: los.CategoryHumanRequest, back: true},
		{id: "c7", lang: los.Bokmal, at: day(4, 10, 0)},
		{id: "c8", lang: los.Bokmal, at: day(6, 10, 0), turns: []turn{{reply: answer("faktura"), firstToken: 50}}, csat: 1},
	}
	for _, c := range convs {
		clk.t = c.at
		conv := &los.Conversation{ID: c.id, TokenHash: []byte{1}, Lang: c.lang}
		if err := db.CreateConversation(ctx, conv); err != nil {
			t.Fatal(err)
		}
		for i, tr := range c.turns {
			at := c.at.Add(time.Duration(i) * time.Minute)
			customer := &los.Message{ConversationID: c.id, Role: los.RoleCustomer, Text: "spørsmål", Created: at}
			reply := tr.reply
			reply.ConversationID, reply.Role, reply.Text, reply.Created, reply.FirstTokenMS = c.id, los.RoleBot, "svar", at, tr.firstToken
			if err := db.AddTurn(ctx, customer, &reply); err != nil {
				t.Fatal(err)
			}
			if tr.rating != 0 {
				if err := db.RateMessage(ctx, c.id, reply.ID, tr.rating); err != nil {
					t.Fatal(err)
				}
			}
		}
		if c.handoff != "" {
			tri := los.Triage{Category: c.handoff, Severity: c.handoff.Severity(), Action: los.ActionHandoffNow}
			if err := db.RequestHandoff(ctx, conv, bot.NewHandoff(conv, tri, nil)); err != nil {
				t.Fatal(err)
			}
		}
		if !c.claimAt.IsZero() {
			clk.t = c.claimAt
			if _, err := db.Claim(ctx, c.id, "agent@example.no", "notice"); err != nil {
				t.Fatal(err)
			}
		}
		if c.back {
			if err := db.CreateCallback(ctx, &los.Callback{ConversationID: c.id, Name: "Kari", Phone: "99999999"}); err != nil {
				t.Fatal(err)
			}
		}
		if c.csat != 0 {
			if err := db.SetCSAT(ctx, &los.CSAT{ConversationID: c.id, Score: c.csat}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func testAnalytics(t *testing.T, open Opener) {
	db := open(t)
	seedAnalytics(t, db)
	from := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	to := time.Date(2026, 11, 5, 0, 0, 0, 0, time.UTC)
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }

	tests := []struct {
		name string
		lang los.Standard
		want los.Report
	}{{
		name: "all standards",
		want: los.Report{
			Conversations:  6,
			Outcomes:       map[string]int{"resolved": 2, "abandoned": 2, "handed_over": 1, "called_back": 1},
			ResolutionRate: 2.0 / 6, HandoffRate: 2.0 / 6,
			Handoffs: []los.HandoffFigure{
				{Category: "bereavement", Reason: "bereavement", Count: 1, Share: 1.0 / 6},
				{Category: "human_request", Reason: "human_request", Count: 1, Share: 1.0 / 6},
			},
			CSAT: []los.CSATFigure{{Group: "bot", Answers: 3, Average: 10.0 / 3, Satisfied: 1}, {Group: "human", Answers: 1, Average: 4, Satisfied: 1}},
			Articles: []los.ArticleFigure{
				{Slug: "faktura", Up: 2, Down: 1},
				{Slug: "flytting", Up: 1},
			},
			BotAnswers: 5, NoAnswers: 1, NoAnswerRate: 0.2,
			FirstToken: los.Latency{Count: 4, Median: 200, P90: 400},
			Waiting:    los.Latency{Count: 1, Median: 120000, P90: 120000},
			Unclaimed:  1,
			Days: []los.Day{
				{Date: day(2), Conversations: 3, Outcomes: map[string]int{"resolved": 1, "abandoned": 2}, CSATAnswers: 2, CSATAverage: 3.5},
				{Date: day(3), Conversations: 2, Outcomes: map[string]int{"resolved": 1, "handed_over": 1}, CSATAnswers: 2, CSATAverage: 3.5},
				{Date: day(4), Conversations: 1, Outcomes: map[string]int{"called_back": 1}},
			},
		},
	}, {
		name: "nynorsk only",
		lang: los.Nynorsk,
		want: los.Report{
			Conversations: 1, Outcomes: map[string]int{"resolved": 1}, ResolutionRate: 1,
			CSAT:       []los.CSATFigure{{Group: "bot", Answers: 1, Average: 3}, {Group: "human"}},
			Articles:   []los.ArticleFigure{{Slug: "faktura", Up: 1}, {Slug: "flytting", Up: 1}},
			BotAnswers: 2,
			FirstToken: los.Latency{Count: 2, Median: 200, P90: 400},
			Days: []los.Day{
				{Date: day(2), Outcomes: map[string]int{}},
				{Date: day(3), Conversations: 1, Outcomes: map[string]int{"resolved": 1}, CSATAnswers: 1, CSATAverage: 3},
				{Date: day(4), Outcomes: map[string]int{}},
			},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := los.Period{From: from, To: to, Lang: tt.lang, Zone: time.UTC}
			got, err := db.Analytics(context.Background(), p)
			if err != nil {
				t.Fatal(err)
			}
			if got.Period.From != from || got.Period.To != to || got.Period.Lang != tt.lang {
				t.Errorf("period = %+v", got.Period)
			}
			opts := cmp.Options{cmpopts.IgnoreFields(los.Report{}, "Period"), cmpopts.EquateApprox(0, 1e-9)}
			if diff := cmp.Diff(&tt.want, got, opts); diff != "" {
				t.Errorf("report (-want +got):\n%s", diff)
			}
		})
	}
}

func testAnalyticsDaysFollowZone(t *testing.T, open Opener) {
	db := open(t)
	seedAnalytics(t, db)
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	// c6 starts 4 November 09:00 UTC, 10:00 in Oslo; a period from
	// midnight in Oslo counts it on the 4th.
	p := los.Period{From: time.Date(2026, 11, 4, 0, 0, 0, 0, oslo), To: time.Date(2026, 11, 5, 0, 0, 0, 0, oslo), Zone: oslo}
	got, err := db.Analytics(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Days) != 1 || got.Days[0].Conversations != 1 || got.Days[0].Outcomes["called_back"] != 1 {
		t.Errorf("days = %+v, want one day with the called-back conversation", got.Days)
	}
}

func testCSAT(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	if err := db.CreateConversation(ctx, &los.Conversation{ID: "c", TokenHash: []byte{1}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		csat    los.CSAT
		code    los.Code
		score   int
		comment string
	}{
		{name: "first answer", csat: los.CSAT{ConversationID: "c", Score: 2, Comment: "treg"}, score: 2, comment: "treg"},
		{name: "later answer replaces", csat: los.CSAT{ConversationID: "c", Score: 5}, score: 5},
		{name: "score too low", csat: los.CSAT{ConversationID: "c", Score: 0}, code: los.EINVALID, score: 5},
		{name: "score too high", csat: los.CSAT{ConversationID: "c", Score: 6}, code: los.EINVALID, score: 5},
		{name: "unknown conversation", csat: los.CSAT{ConversationID: "nope", Score: 3}, code: los.ENOTFOUND, score: 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.SetCSAT(ctx, &tt.csat)
			if got := los.ErrorCode(err); got != tt.code {
				t.Fatalf("error code = %q (%v), want %q", got, err, tt.code)
			}
			got, err := db.CSATOf(ctx, "c")
			if err != nil {
				t.Fatal(err)
			}
			if got.Score != tt.score || got.Comment != tt.comment {
				t.Errorf("stored = %d %q, want %d %q", got.Score, got.Comment, tt.score, tt.comment)
			}
		})
	}
}
