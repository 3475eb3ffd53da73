package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/lang"
)

// TestConversationStandard: the page's language decides an unclear first
// message, the customer's explicit request switches the standard, and the
// conversation keeps it afterwards.
func TestConversationStandard(t *testing.T) {
	h := newHarness(t, nil, fixedSources(srcAddress), FakeTriager{bot.CategoryNone})
	id := h.conversation(t)
	turn := func(text string, page lang.Standard) lang.Standard {
		t.Helper()
		res, err := h.bot.Turn(context.Background(), bot.Request{ConversationID: id, Text: text, Page: page})
		if err != nil {
			t.Fatal(err)
		}
		return res.Lang
	}
	if got := turn("Hei", lang.Nynorsk); got != lang.Nynorsk {
		t.Errorf("first message on a Nynorsk page: %s", got)
	}
	if got := turn("Jeg har ikke fått regningen fra dere i januar, hva gjør jeg nå?", lang.Nynorsk); got != lang.Bokmal {
		t.Errorf("clear Bokmål: %s", got)
	}
	res, err := h.bot.Turn(context.Background(), bot.Request{ConversationID: id, Text: "Kan du svare på nynorsk?", Page: lang.Bokmal})
	if err != nil {
		t.Fatal(err)
	}
	if res.Lang != lang.Nynorsk || !strings.Contains(res.Answer, "eg svarar på nynorsk") || res.Action != bot.ActionAnswer {
		t.Errorf("asked for Nynorsk: %s %s %q", res.Lang, res.Action, res.Answer)
	}
	if got := turn("Hvor finner jeg den?", lang.Bokmal); got != lang.Nynorsk {
		t.Errorf("after the request: %s", got)
	}
}
