package bot_test

import (
	"context"
	"slices"
	"testing"

	"github.com/los-bot/los"
)

// contextTriager records how it was asked: alone, or with the earlier
// messages of the conversation.
type contextTriager struct {
	alone   []string
	earlier [][]string
}

func (c *contextTriager) Classify(_ context.Context, text string) los.Triage {
	c.alone = append(c.alone, text)
	return los.Triage{Category: los.CategoryNone}
}

func (c *contextTriager) ClassifyInContext(_ context.Context, text string, earlier []string) los.Triage {
	c.earlier = append(c.earlier, earlier)
	return los.Triage{Category: los.CategoryNone}
}

// TestTurnReadsInConversation: a message with earlier customer messages
// is triaged in its conversation, the first one alone; bot replies are
// not part of what the customer wrote.
func TestTurnReadsInConversation(t *testing.T) {
	tri := &contextTriager{}
	h := newHarness(t, nil, fixedSources(srcAddress), tri)
	id := h.conversation(t)
	for _, q := range []string{"Når kommer montøren for fiberen?", "Han vet hvor jeg bor?"} {
		if _, err := h.bot.Turn(context.Background(), los.TurnRequest{ConversationID: id, Text: q}); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(tri.alone, []string{"Når kommer montøren for fiberen?"}) {
		t.Errorf("classified alone: %q, want the first message only", tri.alone)
	}
	if len(tri.earlier) != 1 || !slices.Equal(tri.earlier[0], []string{"Når kommer montøren for fiberen?"}) {
		t.Errorf("earlier messages given: %q, want the first customer message", tri.earlier)
	}
}
