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
			conv, err := h.store.Conversation(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			res, err := h.bot.RequestHuman(ctx, conv, los.Bokmal)
			if err != nil {
				t.Fatal(err)
			}
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
