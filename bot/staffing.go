package bot

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/los-bot/los"
)

// HandoffText returns what the customer reads when a conversation is
// handed over: the category's text, crisis numbers at once for critical
// categories (whatever the hour), and, when nobody can take over now, an
// honest word about when someone can and an offer of a call-back.
// callback reports whether that offer was made.
func (b *Bot) HandoffText(ctx context.Context, l los.Standard, t los.Triage) (text string, callback bool) {
	return b.handoffText(ctx, l, t, "")
}

// handoffText is HandoffText with quote (see whileWaiting), when not
// empty, after the category's text and before the word about staffing.
func (b *Bot) handoffText(ctx context.Context, l los.Standard, t los.Triage, quote string) (text string, callback bool) {
	parts := []string{b.cfg.Texts.T(l, "handoff."+string(t.Category))}
	if quote != "" {
		parts = append(parts, quote)
	}
	if t.Category.Severity() == los.SeverityCritical {
		parts = append(parts, b.cfg.Texts.T(l, "crisis."+string(t.Category)))
	}
	if b.cfg.Staffing != nil {
		if a := b.cfg.Staffing.Availability(ctx); !a.Staffed() {
			parts = append(parts, b.unstaffed(l, a)+" "+b.cfg.Texts.T(l, "staffing.callback_offer"))
			callback = true
		}
	}
	return strings.Join(parts, "\n\n"), callback
}

func (b *Bot) unstaffed(l los.Standard, a los.Availability) string {
	switch {
	case a.Open:
		return b.cfg.Texts.T(l, "staffing.busy")
	case a.Next.IsZero():
		return b.cfg.Texts.T(l, "staffing.closed_unknown")
	}
	return b.cfg.Texts.T(l, "staffing.closed", b.When(l, a.Now, a.Next))
}

// When says when next is, seen from now, the way a person would: "i dag
// kl. 10.00", "i morgen kl. 08.00", "tirsdag 7. april kl. 08.00".
func (b *Bot) When(l los.Standard, now, next time.Time) string {
	next = next.In(now.Location())
	y1, m1, d1 := now.Date()
	y2, m2, d2 := next.Date()
	days := int(time.Date(y2, m2, d2, 0, 0, 0, 0, time.UTC).Sub(time.Date(y1, m1, d1, 0, 0, 0, 0, time.UTC)).Hours() / 24)
	var day string
	switch days {
	case 0:
		day = b.cfg.Texts.T(l, "staffing.today")
	case 1:
		day = b.cfg.Texts.T(l, "staffing.tomorrow")
	default:
		day = b.cfg.Texts.T(l, "staffing.date", b.cfg.Texts.T(l, "staffing.weekday."+strconv.Itoa(int(next.Weekday()))),
			d2, b.cfg.Texts.T(l, "staffing.month."+strconv.Itoa(int(m2))))
	}
	return b.cfg.Texts.T(l, "staffing.at", day, b.cfg.Texts.T(l, "staffing.clock", next.Hour(), next.Minute()))
}
