package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/los-bot/los"
)

// TestConversationStandard: the page's language decides an unclear first
// message, the customer's explicit request switches the standard, and the
// conversation keeps it afterwards.
func TestConversationStandard(t *testing.T) {
	h := newHarness(t, nil, fixedSources(srcAddress), FakeTriager{Category: los.CategoryNone})
	id := h.conversation(t)
	turn := func(text string, page los.Standard) los.Standard {
		t.Helper()
		res, err := h.bot.Turn(context.Background(), los.TurnRequest{ConversationID: id, Text: text, Page: page})
		if err != nil {
			t.Fatal(err)
		}
		return res.Lang
	}
	if got := turn("Hei", los.Nynorsk); got != los.Nynorsk {
		t.Errorf("first message on a Nynorsk page: %s", got)
	}
	if got := turn("Jeg har ikke fått regningen fra dere i januar, hva gjør jeg nå?", los.Nynorsk); got != los.Bokmal {
		t.Errorf("clear Bokmål: %s", got)
	}
	res, err := h.bot.Turn(context.Background(), los.TurnRequest{ConversationID: id, Text: "Kan du svare på nynorsk?", Page: los.Bokmal})
	if err != nil {
		t.Fatal(err)
	}
	if res.Lang != los.Nynorsk || !strings.Contains(res.Answer, "eg svarar på nynorsk") || res.Action != los.ActionAnswer {
		t.Errorf("asked for Nynorsk: %s %s %q", res.Lang, res.Action, res.Answer)
	}
	if got := turn("Hvor finner jeg den?", los.Bokmal); got != los.Nynorsk {
		t.Errorf("after the request: %s", got)
	}
}
