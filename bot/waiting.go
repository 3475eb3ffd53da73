package bot

import (
	"context"
	"strings"

	"github.com/los-bot/los"
)

// whileWaiting adds to a handoff the knowledge base's answer to the
// message, when it has one: "Pappa døde i forrige uke, hvordan overtar
// jeg strømavtalen hans?" is handed to a person at once, and the customer
// reads what the help pages say about taking over an agreement while
// waiting, instead of nothing. The answer is quoted, never generated (the
// handoff waits for no model), and only for the categories of practical
// matters: a crisis (self_harm, violence) gets the crisis text alone,
// and a reply that only says the customer is already in the queue stays
// as it is. The citations count as an answer in the figures of issue 12.
func (b *Bot) whileWaiting(ctx context.Context, l los.Standard, text string, history []los.Message, tri los.Triage, res *los.Result) {
	if !answersWhileWaiting(tri.Category) {
		return
	}
	all, err := b.retrieveInConversation(ctx, l, text, history)
	if err != nil {
		b.cfg.Log.WarnContext(ctx, "retrieval for a handoff failed; the handoff text stands", "err", err)
		return
	}
	var sources []los.Source
	for _, s := range all {
		if s.Relevant {
			sources = append(sources, s)
		}
	}
	if len(sources) == 0 {
		return
	}
	answer, citations := b.quoteSources(ctx, l, sources, "answer.while_waiting")
	res.Answer = strings.TrimSpace(res.Answer + "\n\n" + answer)
	res.Citations, res.Sources = citations, sources
}

// answersWhileWaiting reports whether a handoff of category c also quotes
// the knowledge base: every handoff category but the critical ones.
func answersWhileWaiting(c los.Category) bool {
	return c.Severity() != los.SeverityCritical
}
