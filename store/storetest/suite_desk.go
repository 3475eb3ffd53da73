package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/bot"
)

// customerSays creates conversation id (from visitor, on page) with the
// customer's messages.
func customerSays(t *testing.T, db Store, id, visitor string, texts ...string) *los.Conversation {
	t.Helper()
	ctx := context.Background()
	c := &los.Conversation{ID: id, TokenHash: []byte{1}, Lang: los.Bokmal, Visitor: visitor, Page: "https://example.no/" + id, PageTitle: "Side " + id}
	if err := db.CreateConversation(ctx, c); err != nil {
		t.Fatal(err)
	}
	for _, text := range texts {
		if err := db.AddMessage(ctx, &los.Message{ConversationID: id, Role: los.RoleCustomer, Text: text, Created: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func addAgent(t *testing.T, db Store, email, name string) {
	t.Helper()
	if err := db.CreateUser(context.Background(), &auth.User{Email: email, Name: name, Role: auth.RoleAgent, PasswordHash: "h"}); err != nil {
		t.Fatal(err)
	}
}

func testDisplayNames(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	addAgent(t, db, "kari@example.no", "Kari")
	if u, err := db.UserByEmail(ctx, "kari@example.no"); err != nil || u.Name != "Kari" {
		t.Fatalf("user = %+v, %v; want the name given", u, err)
	}
	handedOver(t, db, "c1", los.CategoryBereavement)
	if name, err := db.HolderName(ctx, "c1"); err != nil || name != "" {
		t.Errorf("holder of a waiting conversation = %q, %v; want none", name, err)
	}
	if _, err := db.Claim(ctx, "c1", "kari@example.no", ""); err != nil {
		t.Fatal(err)
	}
	if name, err := db.HolderName(ctx, "c1"); err != nil || name != "Kari" {
		t.Errorf("holder after Kari's claim = %q, %v; want Kari", name, err)
	}
	m, err := db.AgentReply(ctx, "c1", "kari@example.no", "Hei")
	if err != nil || m.AuthorName != "Kari" {
		t.Fatalf("reply = %+v, %v; want it sent as Kari", m, err)
	}
	if err := db.SetDisplayName(ctx, "kari@example.no", "Kari Nordmann"); err != nil {
		t.Fatal(err)
	}
	if name, err := db.HolderName(ctx, "c1"); err != nil || name != "Kari Nordmann" {
		t.Errorf("holder after the rename = %q, %v; want the new name", name, err)
	}
	if err := db.SetDisplayName(ctx, "nobody@example.no", "X"); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("renaming an unknown user: err = %v, want not_found", err)
	}
	if _, err := db.AgentReply(ctx, "c1", "kari@example.no", "Hei igjen"); err != nil {
		t.Fatal(err)
	}
	msgs, err := db.Messages(ctx, "c1")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range msgs {
		if m.Role == los.RoleAgent {
			names = append(names, m.AuthorName)
		}
	}
	if strings.Join(names, ",") != "Kari,Kari Nordmann" {
		t.Errorf("agent messages sent as %v; each keeps the name it was sent under", names)
	}
	addAgent(t, db, "ola@example.no", "")
	handedOver(t, db, "c2", los.CategoryBereavement)
	if _, err := db.Claim(ctx, "c2", "ola@example.no", ""); err != nil {
		t.Fatal(err)
	}
	if name, err := db.HolderName(ctx, "c2"); err != nil || name != "" {
		t.Errorf("holder without a display name = %q, %v; want none, never the e-mail", name, err)
	}
	if err := db.HandBack(ctx, "c1", "kari@example.no", ""); err != nil {
		t.Fatal(err)
	}
	if name, err := db.HolderName(ctx, "c1"); err != nil || name != "" {
		t.Errorf("holder after the hand-back = %q, %v; want none", name, err)
	}
}

func testDeskQueue(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	addAgent(t, db, "kari@example.no", "Kari")
	for _, id := range []string{"a", "b"} {
		c := customerSays(t, db, id, "v1", "Strømmen min er stengt "+id, "Hallo?")
		if err := db.RequestHandoff(ctx, c, bot.NewHandoff(c, los.Triage{Category: los.CategoryFinancialHardship}, nil)); err != nil {
			t.Fatal(err)
		}
	}
	customerSays(t, db, "quiet", "v1", "Bare bot") // not handed over
	if _, err := db.Claim(ctx, "b", "kari@example.no", ""); err != nil {
		t.Fatal(err)
	}
	q, err := db.DeskQueue(ctx)
	if err != nil || len(q) != 2 {
		t.Fatalf("queue = %+v, %v", q, err)
	}
	a, b := q[0], q[1]
	if a.ConversationID != "a" || a.FirstWords != "Strømmen min er stengt a" || a.CustomerMessages != 2 || a.Lang != los.Bokmal ||
		a.Page != "https://example.no/a" || a.ClaimedName != "" || a.Category != los.CategoryFinancialHardship {
		t.Errorf("first item = %+v", a)
	}
	if b.ClaimedBy != "kari@example.no" || b.ClaimedName != "Kari" || b.Status != "claimed" {
		t.Errorf("claimed item = %+v; want Kari's name", b)
	}
	some, err := db.DeskQueue(ctx, "b", "quiet", "missing")
	if err != nil || len(some) != 1 || some[0].ConversationID != "b" {
		t.Errorf("DeskQueue(b, quiet, missing) = %+v, %v; want b only", some, err)
	}
	if err := db.CloseConversation(ctx, "b", "kari@example.no", "resolved", ""); err != nil {
		t.Fatal(err)
	}
	if some, err := db.DeskQueue(ctx, "b"); err != nil || len(some) != 0 {
		t.Errorf("a closed conversation is still queued: %+v, %v", some, err)
	}
}

func testSearchConversations(t *testing.T, open Opener) {
	ctx := context.Background()
	clock := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	db := open(t)
	db.SetClock(func() time.Time { return clock })
	addAgent(t, db, "kari@example.no", "Kari")
	grief := customerSays(t, db, "grief", "", "Far min døde på Østlandet i helgen")
	if err := db.RequestHandoff(ctx, grief, bot.NewHandoff(grief, los.Triage{Category: los.CategoryBereavement}, nil)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Claim(ctx, "grief", "kari@example.no", ""); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(48 * time.Hour)
	money := customerSays(t, db, "money", "", "Jeg har fått inkasso, 100% feil")
	if err := db.RequestHandoff(ctx, money, bot.NewHandoff(money, los.Triage{Category: los.CategoryFinancialHardship}, nil)); err != nil {
		t.Fatal(err)
	}
	if err := db.AddNote(ctx, &los.Note{ConversationID: "money", Author: "kari@example.no", Text: "Avtalt nedbetalingsplan"}); err != nil {
		t.Fatal(err)
	}
	customerSays(t, db, "bot-only", "", "Far min døde, hvordan endrer jeg fakturaadressen?") // never handed over

	ids := func(q los.ConversationQuery) string {
		t.Helper()
		res, err := db.SearchConversations(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range res {
			out = append(out, c.ID)
		}
		return strings.Join(out, ",")
	}
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		q    los.ConversationQuery
		want string
	}{
		{"everything handed over, newest first", los.ConversationQuery{}, "money,grief"},
		{"text ignores case beyond ASCII", los.ConversationQuery{Text: "østlandet"}, "grief"},
		{"text in an internal note", los.ConversationQuery{Text: "NEDBETALING"}, "money"},
		{"wildcards are text", los.ConversationQuery{Text: "100%"}, "money"},
		{"a lone wildcard matches nothing special", los.ConversationQuery{Text: "_"}, ""},
		{"category", los.ConversationQuery{Category: los.CategoryBereavement}, "grief"},
		{"status", los.ConversationQuery{Status: los.StatusWaiting}, "money"},
		{"agent", los.ConversationQuery{Agent: "kari@example.no"}, "grief"},
		{"date range", los.ConversationQuery{From: day}, "money"},
		{"before a date", los.ConversationQuery{To: day}, "grief"},
		{"limit", los.ConversationQuery{Limit: 1}, "money"},
	}
	for _, tt := range tests {
		if got := ids(tt.q); got != tt.want {
			t.Errorf("%s: found %q, want %q", tt.name, got, tt.want)
		}
	}
	res, err := db.SearchConversations(ctx, los.ConversationQuery{Agent: "kari@example.no"})
	if err != nil || len(res) != 1 {
		t.Fatal(res, err)
	}
	if g := res[0]; !g.HandedOver || g.Category != los.CategoryBereavement || g.ClaimedName != "Kari" || g.Status != los.StatusAgent ||
		g.FirstWords != "Far min døde på Østlandet i helgen" || !g.Created.Equal(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("hit = %+v", g)
	}
}

func testEarlierConversations(t *testing.T, open Opener) {
	ctx := context.Background()
	clock := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	db := open(t)
	db.SetClock(func() time.Time { clock = clock.Add(time.Minute); return clock })
	customerSays(t, db, "old", "visitor-1", "Hvordan endrer jeg fakturaadressen?")
	customerSays(t, db, "other", "visitor-2", "Noe annet")
	customerSays(t, db, "now", "visitor-1", "Jeg vil snakke med et menneske")
	customerSays(t, db, "later", "visitor-1", "Senere")
	customerSays(t, db, "anon", "", "Uten nettleser-ID")
	got, err := db.EarlierConversations(ctx, "now", 10)
	if err != nil || len(got) != 1 || got[0].ID != "old" || got[0].HandedOver || got[0].FirstWords != "Hvordan endrer jeg fakturaadressen?" {
		t.Errorf("earlier = %+v, %v; want the one before, from the same browser", got, err)
	}
	if got, err := db.EarlierConversations(ctx, "anon", 10); err != nil || len(got) != 0 {
		t.Errorf("earlier without a visitor = %+v, %v; want none", got, err)
	}
	if _, err := db.EarlierConversations(ctx, "missing", 10); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("unknown conversation: err = %v", err)
	}
	if c, err := db.Conversation(ctx, "now"); err != nil || c.Visitor != "visitor-1" || c.Page != "https://example.no/now" || c.PageTitle != "Side now" {
		t.Errorf("conversation = %+v, %v; want visitor and page kept", c, err)
	}
}

func testNotesStayInternal(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	addAgent(t, db, "kari@example.no", "Kari")
	handedOver(t, db, "c1", los.CategoryIllness)
	before, err := db.Events(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	n := &los.Note{ConversationID: "c1", Author: "kari@example.no", Text: "Kunden er på sykehus; ring etter kl. 14."}
	if err := db.AddNote(ctx, n); err != nil {
		t.Fatal(err)
	}
	if n.ID == 0 || n.AuthorName != "Kari" || n.Created.IsZero() {
		t.Errorf("note = %+v", n)
	}
	notes, err := db.Notes(ctx, "c1")
	if err != nil || len(notes) != 1 || notes[0].Text != n.Text || notes[0].AuthorName != "Kari" {
		t.Errorf("notes = %+v, %v", notes, err)
	}
	msgs, _ := db.Messages(ctx, "c1")
	for _, m := range msgs {
		if strings.Contains(m.Text, "sykehus") {
			t.Errorf("the note is among the customer's messages: %+v", m)
		}
	}
	if after, _ := db.Events(ctx, 0, 1000); len(after) != len(before) {
		t.Errorf("a note made %d webhook events; want none", len(after)-len(before))
	}
	if err := db.AddNote(ctx, &los.Note{ConversationID: "missing", Author: "kari@example.no", Text: "x"}); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("note on an unknown conversation: err = %v", err)
	}
	if err := db.DeleteConversation(ctx, "c1"); err != nil {
		t.Fatal(err)
	}
	if notes, err := db.Notes(ctx, "c1"); err != nil || len(notes) != 0 {
		t.Errorf("notes after deleting the conversation = %+v, %v", notes, err)
	}
}

func testCannedResponses(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	thanks := &los.CannedResponse{Lang: los.Bokmal, Title: "  takk ", Body: "Takk for at du tok kontakt, {kunde}. Hilsen {agent}"}
	if err := db.SaveCannedResponse(ctx, thanks, "ada@example.no"); err != nil {
		t.Fatal(err)
	}
	if thanks.ID == 0 || thanks.Title != "takk" {
		t.Errorf("saved = %+v; want an ID and the title trimmed", thanks)
	}
	for _, c := range []*los.CannedResponse{
		{Lang: los.Nynorsk, Title: "takk", Body: "Takk for at du tok kontakt."},
		{Lang: los.English, Title: "thanks", Body: "Thank you for contacting us."},
	} {
		if err := db.SaveCannedResponse(ctx, c, "ada@example.no"); err != nil {
			t.Fatal(err)
		}
	}
	dup := &los.CannedResponse{Lang: los.Bokmal, Title: "takk", Body: "Igjen"}
	if err := db.SaveCannedResponse(ctx, dup, "ada@example.no"); los.ErrorCode(err) != los.ECONFLICT {
		t.Errorf("a second 'takk' in nb: err = %v, want conflict", err)
	}
	for _, bad := range []los.CannedResponse{{Lang: "de", Title: "x", Body: "x"}, {Lang: los.Bokmal, Title: " ", Body: "x"}, {Lang: los.Bokmal, Title: "x", Body: ""}} {
		if err := db.SaveCannedResponse(ctx, &bad, "ada@example.no"); los.ErrorCode(err) != los.EINVALID {
			t.Errorf("save %+v: err = %v, want invalid", bad, err)
		}
	}
	nb, err := db.CannedResponses(ctx, los.Bokmal)
	if err != nil || len(nb) != 1 || nb[0].Body != thanks.Body {
		t.Errorf("nb = %+v, %v", nb, err)
	}
	thanks.Body = "Takk, {kunde}!"
	if err := db.SaveCannedResponse(ctx, thanks, "ada@example.no"); err != nil {
		t.Fatal(err)
	}
	all, err := db.CannedResponses(ctx, "")
	if err != nil || len(all) != 3 || all[0].Lang != los.English || all[1].Body != "Takk, {kunde}!" {
		t.Errorf("all = %+v, %v", all, err)
	}
	if err := db.SaveCannedResponse(ctx, &los.CannedResponse{ID: 999, Lang: los.Bokmal, Title: "y", Body: "y"}, ""); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("updating a missing one: err = %v", err)
	}
	if err := db.DeleteCannedResponse(ctx, thanks.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteCannedResponse(ctx, thanks.ID); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("deleting twice: err = %v", err)
	}
}

func testModelSummaryIsMarked(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	handedOver(t, db, "c1", los.CategoryIllness)
	h, err := db.LatestHandoff(ctx, "c1")
	if err != nil || h.SummaryByModel {
		t.Fatalf("handoff = %+v, %v; the extractive summary is not the model's", h, err)
	}
	if err := db.SetHandoffSummary(ctx, "c1", "Kunden er syk og trenger utsettelse."); err != nil {
		t.Fatal(err)
	}
	if h, err := db.LatestHandoff(ctx, "c1"); err != nil || !h.SummaryByModel || h.Summary != "Kunden er syk og trenger utsettelse." {
		t.Errorf("handoff = %+v, %v; want the model's summary, marked", h, err)
	}
}
