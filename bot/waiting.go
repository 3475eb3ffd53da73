package bot

import (
	"context"

	"github.com/los-bot/los"
)

// whileWaiting returns the knowledge base's answer to a message that is
// handed over, to be read while waiting, or "" when there is none:
// "Pappa døde i forrige uke, hvordan overtar jeg strømavtalen hans?" is
// handed to a person at once, and the customer reads what the help pages
// say about taking over an agreement instead of nothing. The message is
// searched alone (no earlier messages, no model rewriting it: a handoff
// waits for no model) and the answer is quoted, never generated. Only
// for the categories of practical matters: a crisis (self_harm,
// violence) gets the crisis text alone, and a request for a person gets
// the person (its words "snakke med et menneske" find articles about the
// chat itself). An article cited earlier in the conversation is not
// quoted again. The citations count as an answer in the figures of
// issue 12.
func (b *Bot) whileWaiting(ctx context.Context, l los.Standard, text string, history []los.Message, tri los.Triage, res *los.Result) string {
	if !answersWhileWaiting(tri.Category) {
		return ""
	}
	all, err := b.cfg.Retriever.Retrieve(ctx, text, l, b.cfg.Sources)
	if err != nil {
		b.cfg.Log.WarnContext(ctx, "retrieval for a handoff failed; the handoff text stands", "err", err)
		return ""
	}
	cited := map[string]bool{}
	for _, m := range history {
		for _, c := range m.Citations {
			cited[c] = true
		}
	}
	var sources []los.Source
	for _, s := range all {
		if s.Relevant && !cited[s.Slug] {
			sources = append(sources, s)
		}
	}
	if len(sources) == 0 {
		return ""
	}
	answer, citations := b.quoteSources(ctx, l, sources, "answer.while_waiting")
	res.Citations, res.Sources = citations, sources
	return answer
}

// answersWhileWaiting reports whether a handoff of category c also quotes
// the knowledge base: the handoff categories of practical matters, not
// the critical ones and not a request for a person.
func answersWhileWaiting(c los.Category) bool {
	return c.Severity() != los.SeverityCritical && c != los.CategoryHumanRequest
}
