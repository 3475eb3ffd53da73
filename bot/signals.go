package bot

import (
	"context"
	"strings"
	"unicode"

	"github.com/los-bot/los"
)

// triage classifies text, in its conversation when the Triager can read
// one (ContextTriager), and adds the conversation-level signals: the same
// question three times, two unhelpful ratings in a row, or two "no answer"
// turns in a row lead to an offer of a human.
func (b *Bot) triage(ctx context.Context, text string, history []los.Message) los.Triage {
	t := los.Triage{Category: los.CategoryNone, Severity: los.SeverityNone}
	var earlier []string
	for _, m := range history {
		if m.Role == los.RoleCustomer {
			earlier = append(earlier, m.Text)
		}
	}
	if ct, ok := b.cfg.Triager.(los.ContextTriager); ok && len(earlier) > 0 {
		t = ct.ClassifyInContext(ctx, text, earlier)
	} else if b.cfg.Triager != nil {
		t = b.cfg.Triager.Classify(ctx, text)
	}
	if t.Signals == nil {
		t.Signals = []string{}
	}
	t.Severity = t.Category.Severity()
	t.Action, t.Response = b.cfg.Policy.Respond(t.Category, t.Evidence)
	if t.Action != los.ActionAnswer {
		return t
	}
	for _, s := range conversationSignals(text, history) {
		t.Signals = append(t.Signals, s)
		t.Action, t.Response = los.ActionOfferHandoff, los.ResponseOffer
	}
	return t
}

func conversationSignals(text string, history []los.Message) []string {
	var out []string
	key := normalise(text)
	same := 1
	var botMsgs []los.Message
	for _, m := range history {
		switch m.Role {
		case los.RoleCustomer:
			if normalise(m.Text) == key {
				same++
			}
		case los.RoleBot:
			botMsgs = append(botMsgs, m)
		}
	}
	if same >= 3 {
		out = append(out, "conversation:repeated_question")
	}
	if n := len(botMsgs); n >= 2 {
		last, prev := botMsgs[n-1], botMsgs[n-2]
		if last.Rating < 0 && prev.Rating < 0 {
			out = append(out, "conversation:unhelpful_ratings")
		}
		if last.NoAnswer && prev.NoAnswer {
			out = append(out, "conversation:repeated_no_answer")
		}
	}
	return out
}

// normalise folds case, punctuation and spacing so that retyped questions
// compare equal.
func normalise(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		default:
			space = true
		}
	}
	return b.String()
}
