package bot_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/locales"
)

// FakeStaffing reports a fixed availability.
type FakeStaffing struct{ A los.Availability }

var _ bot.Staffing = FakeStaffing{}

func (f FakeStaffing) Availability(context.Context) los.Availability { return f.A }

func TestHandoffWhenNobodyCanTakeOver(t *testing.T) {
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Fatal(err)
	}
	sunday := time.Date(2026, 11, 29, 13, 0, 0, 0, oslo)
	monday8 := time.Date(2026, 11, 30, 8, 0, 0, 0, oslo)
	tests := []struct {
		name         string
		category     los.Category
		avail        los.Availability
		wantCallback bool
		want         []string
		notWant      []string
	}{
		{name: "staffed", category: los.CategoryBereavement, avail: los.Availability{Now: sunday, Open: true, Agents: 2},
			want: []string{"lei for det"}, notWant: []string{"stengt", "ringer deg"}},
		{name: "closed on sunday", category: los.CategoryBereavement, avail: los.Availability{Now: sunday, Next: monday8},
			wantCallback: true, want: []string{"lei for det", "stengt nå", "i morgen kl. 08.00", "Legg igjen navn og telefonnummer"}},
		{name: "open but no agent", category: los.CategoryIllness, avail: los.Availability{Now: sunday, Open: true},
			wantCallback: true, want: []string{"ingen kundebehandlere ledige", "ringer deg"}},
		{name: "self harm when closed keeps the crisis numbers first", category: los.CategorySelfHarm, avail: los.Availability{Now: sunday, Next: monday8},
			wantCallback: true, want: []string{"116 123", "22 40 00 40", "stengt nå"}},
		{name: "violence when closed", category: los.CategoryViolence, avail: los.Availability{Now: sunday},
			wantCallback: true, want: []string{"112", "113", "stengt nå"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil, fixedSources(srcAddress), FakeTriager{Category: tt.category},
				func(c *bot.Config) { c.Staffing = FakeStaffing{tt.avail} })
			id := h.conversation(t)
			res, err := h.bot.Turn(context.Background(), los.TurnRequest{ConversationID: id, Text: "melding"})
			if err != nil {
				t.Fatal(err)
			}
			if res.Callback != tt.wantCallback || res.Action != los.ActionHandoffNow {
				t.Errorf("callback %v, action %s; want %v, handoff_now", res.Callback, res.Action, tt.wantCallback)
			}
			for _, w := range tt.want {
				if !strings.Contains(res.Answer, w) {
					t.Errorf("answer lacks %q:\n%s", w, res.Answer)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(res.Answer, w) {
					t.Errorf("answer has %q:\n%s", w, res.Answer)
				}
			}
			if tt.category.Severity() == los.SeverityCritical && strings.Index(res.Answer, "stengt") < strings.Index(res.Answer, "113") {
				t.Errorf("the opening hours come before the crisis numbers:\n%s", res.Answer)
			}
			msgs, _ := h.store.Messages(context.Background(), id)
			if last := msgs[len(msgs)-1]; slices.Contains(last.Signals, los.SignalCallbackOffered) != tt.wantCallback {
				t.Errorf("stored reply signals %v; want the call-back offer marked: %v", last.Signals, tt.wantCallback)
			}
			if len(h.handoffs.got) != 1 {
				t.Errorf("%d handoffs requested, want 1: the conversation is queued whatever the hour", len(h.handoffs.got))
			}
		})
	}
}

func TestWhen(t *testing.T) {
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Fatal(err)
	}
	b := bot.New(bot.Config{Texts: locales.MustLoad()})
	now := time.Date(2026, 4, 2, 21, 0, 0, 0, oslo) // skjærtorsdag evening
	tests := []struct {
		name string
		l    los.Standard
		next time.Time
		want string
	}{
		{name: "today", l: los.Bokmal, next: time.Date(2026, 4, 2, 22, 30, 0, 0, oslo), want: "i dag kl. 22.30"},
		{name: "tomorrow nynorsk", l: los.Nynorsk, next: time.Date(2026, 4, 3, 8, 0, 0, 0, oslo), want: "i morgon kl. 08.00"},
		{name: "after easter", l: los.Bokmal, next: time.Date(2026, 4, 7, 8, 0, 0, 0, oslo), want: "tirsdag 7. april kl. 08.00"},
		{name: "after easter nynorsk", l: los.Nynorsk, next: time.Date(2026, 4, 4, 10, 0, 0, 0, oslo), want: "laurdag 4. april kl. 10.00"},
		{name: "english", l: los.English, next: time.Date(2026, 4, 7, 8, 0, 0, 0, oslo), want: "on Tuesday 7 April at 08:00"},
		{name: "next given in UTC", l: los.Bokmal, next: time.Date(2026, 4, 7, 6, 0, 0, 0, time.UTC), want: "tirsdag 7. april kl. 08.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := b.When(tt.l, now, tt.next); got != tt.want {
				t.Errorf("When = %q, want %q", got, tt.want)
			}
		})
	}
}

// When nobody can take over, the quote read while waiting comes before the
// word about staffing, so the offer of a call-back ends the reply.
func TestWhileWaitingBeforeStaffing(t *testing.T) {
	sunday := time.Date(2026, 11, 29, 13, 0, 0, 0, time.UTC)
	h := newHarness(t, nil, fixedSources(srcAddress), FakeTriager{Category: los.CategoryBereavement, Evidence: los.EvidenceClear},
		func(c *bot.Config) { c.Staffing = FakeStaffing{los.Availability{Now: sunday}} })
	id := h.conversation(t)
	res, err := h.bot.Turn(context.Background(), los.TurnRequest{ConversationID: id, Text: "melding", Lang: los.Bokmal})
	if err != nil {
		t.Fatal(err)
	}
	quote, closed := strings.Index(res.Answer, "Mens du venter"), strings.Index(res.Answer, "stengt nå")
	if quote < 0 || closed < 0 || quote > closed {
		t.Errorf("answer %q: want the quote (at %d) before the word about staffing (at %d)", res.Answer, quote, closed)
	}
}
