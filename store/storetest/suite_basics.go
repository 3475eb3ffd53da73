package storetest

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/kb"
)

func testArticlesRoundTripAndRevision(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	rev0, err := db.KBRevision(ctx)
	if err != nil {
		t.Fatal(err)
	}
	in := []kb.Article{
		{Slug: "b", Title: "B", Body: "## H\nTekst", Tags: []string{"x", "y"}, Lang: los.Nynorsk, Published: true},
		{Slug: "a", Title: "A", Body: "Tekst", Lang: los.Bokmal},
	}
	if err := db.ImportArticles(ctx, in); err != nil {
		t.Fatal(err)
	}
	got, err := db.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Slug != "a" || got[1].Lang != los.Nynorsk || len(got[1].Tags) != 2 || got[0].Published || !got[1].Published {
		t.Fatalf("articles = %+v", got)
	}
	if got[0].Updated.IsZero() {
		t.Error("Updated not set")
	}
	rev1, _ := db.KBRevision(ctx)
	if rev1 == rev0 {
		t.Error("revision did not change on import")
	}
	if _, err := db.Article(ctx, "nope"); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("missing article: err = %v, want not_found", err)
	}
}

func testImportIsAllOrNothing(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	if err := db.ImportArticles(ctx, []kb.Article{{Slug: "a", Title: "Gammel", Body: "x", Lang: los.Bokmal}}); err != nil {
		t.Fatal(err)
	}
	rev, _ := db.KBRevision(ctx)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	err := db.ImportArticles(cctx, []kb.Article{{Slug: "a", Title: "Ny", Body: "y", Lang: los.Bokmal}, {Slug: "b", Title: "B", Body: "z", Lang: los.Bokmal}})
	if err == nil {
		t.Fatal("import with a cancelled context succeeded")
	}
	a, err := db.Article(ctx, "a")
	if err != nil || a.Title != "Gammel" {
		t.Errorf("article a = %+v, %v; want it unchanged", a, err)
	}
	if n, _ := db.CountArticles(ctx); n != 1 {
		t.Errorf("%d articles, want 1", n)
	}
	if rev2, _ := db.KBRevision(ctx); rev2 != rev {
		t.Errorf("revision moved from %s to %s on a failed import", rev, rev2)
	}
}

func testConversationMessagesAndRating(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	conv := &los.Conversation{ID: "c1", TokenHash: []byte{1, 2, 3}}
	if err := db.CreateConversation(ctx, conv); err != nil {
		t.Fatal(err)
	}
	cust := &los.Message{ConversationID: "c1", Role: los.RoleCustomer, Text: "Hei", Created: time.Now(), Signals: []string{"s"}}
	reply := &los.Message{ConversationID: "c1", Role: los.RoleBot, Text: "Svar [1]", Created: time.Now(),
		Mode: los.ModeGenerated, Action: los.ActionAnswer, Category: los.CategoryNone, Citations: []string{"a"}, NoAnswer: true}
	if err := db.AddTurn(ctx, cust, reply); err != nil {
		t.Fatal(err)
	}
	if err := db.RateMessage(ctx, "c1", reply.ID, -1); err != nil {
		t.Fatal(err)
	}
	if err := db.RateMessage(ctx, "c1", cust.ID, 1); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("rating a customer message: err = %v, want not_found", err)
	}
	if err := db.RateMessage(ctx, "c1", reply.ID, 5); los.ErrorCode(err) != los.EINVALID {
		t.Errorf("rating 5: err = %v, want invalid", err)
	}
	msgs, err := db.Messages(ctx, "c1")
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 {
		t.Fatalf("%d messages", len(msgs))
	}
	m := msgs[1]
	if m.Rating != -1 || !m.NoAnswer || m.Mode != los.ModeGenerated || len(m.Citations) != 1 || m.Citations[0] != "a" {
		t.Errorf("bot message = %+v", m)
	}
	if len(msgs[0].Signals) != 1 {
		t.Errorf("customer signals = %v", msgs[0].Signals)
	}
	if err := db.SetConversationLang(ctx, "c1", los.Nynorsk); err != nil {
		t.Fatal(err)
	}
	got, err := db.Conversation(ctx, "c1")
	if err != nil || got.Lang != los.Nynorsk || string(got.TokenHash) != string([]byte{1, 2, 3}) || got.Status != los.StatusOpen {
		t.Errorf("conversation = %+v, %v", got, err)
	}
	if err := db.AddMessage(ctx, &los.Message{ConversationID: "missing", Role: los.RoleCustomer, Text: "x", Created: time.Now()}); err == nil {
		t.Error("a message for a conversation that does not exist was stored")
	}
}

func testHandoffQueueOrder(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return now })
	add := func(id string, cat los.Category) {
		t.Helper()
		c := &los.Conversation{ID: id, TokenHash: []byte{0}}
		if err := db.CreateConversation(ctx, c); err != nil {
			t.Fatal(err)
		}
		if err := db.RequestHandoff(ctx, c, bot.NewHandoff(c, los.Triage{Category: cat, Signals: []string{"x"}}, nil)); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Minute)
	}
	add("old-distress", los.CategoryDistress)
	add("grief", los.CategoryBereavement)
	add("crisis", los.CategorySelfHarm)
	add("late-grief", los.CategoryBereavement)
	// A second request on the same conversation is not queued twice.
	c, _ := db.Conversation(ctx, "grief")
	if err := db.RequestHandoff(ctx, c, bot.NewHandoff(c, los.Triage{Category: los.CategoryHumanRequest}, nil)); err != nil {
		t.Fatal(err)
	}
	q, err := db.Queue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, h := range q {
		order = append(order, h.ConversationID)
	}
	want := "crisis,grief,late-grief,old-distress"
	if got := strings.Join(order, ","); got != want {
		t.Errorf("queue = %s, want %s", got, want)
	}
	if c, _ := db.Conversation(ctx, "crisis"); c.Status != los.StatusWaiting {
		t.Errorf("status = %s, want waiting", c.Status)
	}
}

func testConcurrentTurns(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := string(rune('a'+i%26)) + string(rune('0'+i/26))
			if err := db.CreateConversation(ctx, &los.Conversation{ID: id, TokenHash: []byte{1}}); err != nil {
				errs <- err
				return
			}
			errs <- db.AddTurn(ctx, &los.Message{ConversationID: id, Role: los.RoleCustomer, Text: "q", Created: time.Now()},
				&los.Message{ConversationID: id, Role: los.RoleBot, Text: "a", Created: time.Now()})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func testSetHandoffSummary(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	c := &los.Conversation{ID: "s1", TokenHash: []byte{1}}
	if err := db.CreateConversation(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := db.SetHandoffSummary(ctx, "s1", "x"); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("summary without a handoff: err = %v, want not_found", err)
	}
	if err := db.RequestHandoff(ctx, c, bot.NewHandoff(c, los.Triage{Category: los.CategoryIllness}, nil)); err != nil {
		t.Fatal(err)
	}
	if err := db.SetHandoffSummary(ctx, "s1", "Sammendrag (KI): syk kunde"); err != nil {
		t.Fatal(err)
	}
	q, err := db.Queue(ctx)
	if err != nil || len(q) != 1 || q[0].Summary != "Sammendrag (KI): syk kunde" {
		t.Errorf("queue = %+v, %v", q, err)
	}
}
