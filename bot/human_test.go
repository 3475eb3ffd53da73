package bot_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
)

func TestRequestHuman(t *testing.T) {
	tests := []struct {
		name         string
		avail        los.Availability
		wantCallback bool
		want         string
	}{
		{name: "staffed", avail: los.Availability{Open: true, Agents: 1}, want: "kundebehandlerne"},
		{name: "nobody there", avail: los.Availability{Open: true}, wantCallback: true, want: "ringer deg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			h := newHarness(t, nil, fixedSources(srcAddress), nil, func(c *bot.Config) {
				c.Observer = rec
				c.Staffing = FakeStaffing{tt.avail}
			})
			id := h.conversation(t)
			ctx := context.Background()
			if _, err := h.bot.Turn(ctx, los.TurnRequest{ConversationID: id, Text: "Hvordan endrer jeg fakturaadressen?"}); err != nil {
				t.Fatal(err)
			}
			res := requestHuman(t, h, id)
			if res.Action != los.ActionHandoffNow || res.Category != los.CategoryHumanRequest || res.Severity != los.SeverityHigh ||
				res.Mode != los.ModeExtractive || res.Lang != los.Bokmal || res.Callback != tt.wantCallback || res.MessageID == 0 ||
				!slices.Equal(res.Signals, []string{bot.SignalHumanButton}) || res.Citations == nil {
				t.Errorf("result %+v", res)
			}
			if !strings.Contains(strings.ToLower(res.Answer), tt.want) {
				t.Errorf("answer %q, want it to say %q", res.Answer, tt.want)
			}
			if len(h.handoffs.got) != 1 || len(h.handoffs.replies) != 1 {
				t.Fatalf("%d handoffs with %d replies, want one handed over with its reply", len(h.handoffs.got), len(h.handoffs.replies))
			}
			ho := h.handoffs.got[0]
			if ho.Category != los.CategoryHumanRequest || ho.ConversationID != id || !strings.Contains(ho.Summary, "fakturaadressen") {
				t.Errorf("handoff %+v, want human_request with a summary of what the customer asked", ho)
			}
			msgs, _ := h.store.Messages(ctx, id)
			last := msgs[len(msgs)-1]
			if len(msgs) != 3 || last.ID != res.MessageID || last.Text != res.Answer || last.Action != los.ActionHandoffNow {
				t.Errorf("%d messages, last %+v; want the reply stored once after the turn", len(msgs), last)
			}
			if gotSignal := slices.Contains(last.Signals, los.SignalCallbackOffered); gotSignal != tt.wantCallback {
				t.Errorf("reply signals %v, want the call-back offer marked %v", last.Signals, tt.wantCallback)
			}
			if !slices.Equal(rec.handoffs, []los.Category{los.CategoryHumanRequest}) {
				t.Errorf("observer heard handoffs %v, want one human_request", rec.handoffs)
			}
		})
	}
}

func TestRequestHumanFailsWhole(t *testing.T) {
	h := newHarness(t, nil, fixedSources(srcAddress), nil)
	// A conversation the store does not have: nothing is handed over.
	_, err := h.bot.RequestHuman(context.Background(), &los.Conversation{ID: "mangler"}, los.Bokmal)
	if err == nil || len(h.handoffs.got) != 0 {
		t.Errorf("error %v, %d handoffs; want an error and nothing queued", err, len(h.handoffs.got))
	}
}

// TestAlreadyHandedOver checks that asking for a person again, by the
// button or in words, while one is on the way or has the conversation,
// gets a short reply: no second handoff text, nothing stored or queued.
func TestAlreadyHandedOver(t *testing.T) {
	for _, tt := range []struct {
		status los.Status
		want   string
	}{
		{los.StatusWaiting, "allerede i kø"},
		{los.StatusAgent, "har allerede samtalen"},
	} {
		t.Run(string(tt.status), func(t *testing.T) {
			ctx := context.Background()
			h := newHarness(t, nil, fixedSources(srcAddress), FakeTriager{Category: los.CategoryHumanRequest})
			id := h.conversation(t)
			h.store.setStatus(id, tt.status)
			res := requestHuman(t, h, id)
			if !strings.Contains(res.Answer, tt.want) || res.MessageID != 0 || res.Action != los.ActionHandoffNow {
				t.Errorf("button: %+v, want a short reply saying %q, not stored", res, tt.want)
			}
			if len(h.handoffs.got) != 0 {
				t.Errorf("%d handoffs queued again", len(h.handoffs.got))
			}
			if msgs, _ := h.store.Messages(ctx, id); len(msgs) != 0 {
				t.Errorf("%d messages stored", len(msgs))
			}
			if tt.status != los.StatusWaiting {
				return // an agent's conversation holds the customer's words for the agent
			}
			res, err := h.bot.Turn(ctx, los.TurnRequest{ConversationID: id, Text: "jeg vil snakke med et menneske"})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(res.Answer, tt.want) {
				t.Errorf("in words: %q, want it to say %q", res.Answer, tt.want)
			}
		})
	}
}

// requestHuman presses "Snakk med et menneske" in conversation id, in
// Bokmål, and returns the bot's result.
func requestHuman(t *testing.T, h *harness, id string) los.Result {
	t.Helper()
	ctx := context.Background()
	conv, err := h.store.Conversation(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	res, err := h.bot.RequestHuman(ctx, conv, los.Bokmal)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
