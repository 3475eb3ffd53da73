package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/los-bot/los"
)

// A handoff of a practical matter also quotes the knowledge base while
// the customer waits; a crisis never does, and nothing relevant adds
// nothing.
func TestWhileWaiting(t *testing.T) {
	tests := []struct {
		name      string
		category  los.Category
		lang      los.Standard
		text      string // "melding" when empty
		sources   []los.Source
		wantCited string
		wantText  []string
		absent    []string
	}{
		{name: "bereavement with an answer", category: los.CategoryBereavement, lang: los.Bokmal, sources: []los.Source{srcAddress},
			wantCited: "endre-fakturaadresse", wantText: []string{"lei for det", "Mens du venter", "Profil og adresser"}},
		{name: "payment trouble in nynorsk", category: los.CategoryFinancialHardship, lang: los.Nynorsk, sources: []los.Source{srcAddress},
			wantCited: "endre-fakturaadresse", wantText: []string{"Medan du ventar", "Profil og adresser"}},
		{name: "fraud in english quotes norwegian", category: los.CategoryFraudVictim, lang: los.English, sources: []los.Source{inBokmal(srcAddress)},
			wantCited: "endre-fakturaadresse", wantText: []string{"While you wait", "(in Norwegian)"}},
		{name: "a bare request for a person gets the person alone", category: los.CategoryHumanRequest, lang: los.Bokmal, sources: []los.Source{srcEfaktura},
			text: "Jeg vil snakke med et menneske!", wantText: []string{"Selvfølgelig"}, absent: []string{"Mens du venter", "nettbanken"}},
		{name: "a request for a person with a question", category: los.CategoryHumanRequest, lang: los.Bokmal, sources: []los.Source{srcEfaktura},
			text: "Hvordan bestiller jeg e-faktura? Vil snakke med et menneske", wantCited: "efaktura", wantText: []string{"Selvfølgelig", "Mens du venter", "nettbanken"}},
		{name: "nothing relevant adds nothing", category: los.CategoryIllness, lang: los.Bokmal, sources: []los.Source{srcWeak},
			absent: []string{"Mens du venter", "Meld flytting"}},
		{name: "self harm gets the crisis text alone", category: los.CategorySelfHarm, lang: los.Bokmal, sources: []los.Source{srcAddress},
			wantText: []string{"116 123"}, absent: []string{"Mens du venter", "Profil og adresser"}},
		{name: "violence gets the emergency text alone", category: los.CategoryViolence, lang: los.Nynorsk, sources: []los.Source{srcAddress},
			wantText: []string{"112"}, absent: []string{"Medan du ventar", "Profil og adresser"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil, fixedSources(tt.sources...), FakeTriager{Category: tt.category, Evidence: los.EvidenceClear})
			id := h.conversation(t)
			text := tt.text
			if text == "" {
				text = "melding"
			}
			res, err := h.bot.Turn(context.Background(), los.TurnRequest{ConversationID: id, Text: text, Lang: tt.lang})
			if err != nil {
				t.Fatal(err)
			}
			if res.Action != los.ActionHandoffNow || len(h.handoffs.got) != 1 {
				t.Fatalf("action %s, %d handoffs; want handoff_now, 1", res.Action, len(h.handoffs.got))
			}
			if got := strings.Join(res.Citations, ","); got != tt.wantCited {
				t.Errorf("citations = %q, want %q", got, tt.wantCited)
			}
			checkText(t, res.Answer, tt.wantText, tt.absent)
			// The transcript the agent reads holds the quote and its citation.
			msgs, err := h.store.Messages(context.Background(), id)
			if err != nil || len(msgs) == 0 {
				t.Fatalf("messages: %v, %d", err, len(msgs))
			}
			last := msgs[len(msgs)-1]
			if last.Text != res.Answer || strings.Join(last.Citations, ",") != tt.wantCited {
				t.Errorf("stored reply %q cites %v; want the answer as sent, citing %q", last.Text, last.Citations, tt.wantCited)
			}
		})
	}
}

func inBokmal(s los.Source) los.Source {
	s.Lang = los.Bokmal
	return s
}

// checkText fails t when answer lacks a text of want or has one of absent.
func checkText(t *testing.T, answer string, want, absent []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(answer, w) {
			t.Errorf("answer %q lacks %q", answer, w)
		}
	}
	for _, w := range absent {
		if strings.Contains(answer, w) {
			t.Errorf("answer %q has %q", answer, w)
		}
	}
}

// An article the conversation already cited is not quoted again while
// the customer waits: they have read it, and it did not help.
func TestWhileWaitingSkipsCitedArticles(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t, nil, fixedSources(srcAddress), FakeTriager{Category: los.CategoryBereavement, Evidence: los.EvidenceClear})
	id := h.conversation(t)
	earlier := &los.Message{ConversationID: id, Role: los.RoleCustomer, Text: "Hvordan endrer jeg fakturaadressen?"}
	reply := &los.Message{ConversationID: id, Role: los.RoleBot, Text: "Du endrer den på Min side.", Citations: []string{srcAddress.Slug}}
	if err := h.store.AddTurn(ctx, earlier, reply); err != nil {
		t.Fatal(err)
	}
	res, err := h.bot.Turn(ctx, los.TurnRequest{ConversationID: id, Text: "melding", Lang: los.Bokmal})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Citations) != 0 || strings.Contains(res.Answer, "Mens du venter") {
		t.Errorf("answer %q cites %v; want the handoff text alone", res.Answer, res.Citations)
	}
}
