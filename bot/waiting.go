package bot

import (
	"context"
	"strings"

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
// violence) gets the crisis text alone, and a request for a person is
// searched without its words of asking (see withoutRequest). An article
// cited earlier in the conversation is not quoted again. The citations count as an answer in the figures of
// issue 12.
func (b *Bot) whileWaiting(ctx context.Context, l los.Standard, text string, history []los.Message, tri los.Triage, res *los.Result) string {
	if !answersWhileWaiting(tri.Category) {
		return ""
	}
	if tri.Category == los.CategoryHumanRequest {
		if text = withoutRequest(text); text == "" {
			return ""
		}
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
	sources := relevant(all, func(s los.Source) bool { return cited[s.Slug] })
	if len(sources) == 0 {
		return ""
	}
	answer, citations := b.quoteSources(ctx, l, sources, "answer.while_waiting")
	res.Citations, res.Sources = citations, sources
	return answer
}

// answersWhileWaiting reports whether a handoff of category c also quotes
// the knowledge base: every handoff category but the critical ones.
func answersWhileWaiting(c los.Category) bool {
	return c.Severity() != los.SeverityCritical
}

// requestWords are the words of asking for a person. A request for a
// person is searched without them: "hva er telefonnummeret til
// kundeservice, vil snakke med et menneske" finds the contact article,
// "jeg vil snakke med en person" finds nothing (and not the article that
// says "skal en annen person kunne snakke med oss").
var requestWords = map[string]bool{
	"snakke": true, "snakka": true, "prate": true, "prata": true, "chatte": true, "menneske": true, "mennesket": true,
	"person": true, "personen": true, "kundebehandler": true, "kundebehandlar": true, "kundebehandleren": true,
	"saksbehandler": true, "sakshandsamar": true, "agent": true, "ansatt": true, "tilsett": true, "ekte": true,
	"levende": true, "chatboten": true, "chatbot": true, "boten": true, "bot": true, "robot": true, "roboten": true,
	"human": true, "talk": true, "speak": true, "someone": true, "somebody": true, "representative": true, "real": true,
	"maskin": true, "maskina": true, "maskinen": true, "berre": true, "bare": true, "ikkje": true, "ikke": true,
}

// withoutRequest returns text without the words of asking for a person,
// "" when no word of more than two letters is left.
func withoutRequest(text string) string {
	var kept []string
	content := false
	for _, w := range strings.Fields(text) {
		bare := strings.ToLower(strings.Trim(w, ".,!?:;«»\"'()"))
		if requestWords[bare] {
			continue
		}
		kept = append(kept, w)
		if len([]rune(bare)) > 2 && !functionWords[bare] && !requestFiller[bare] {
			content = true
		}
	}
	if !content {
		return ""
	}
	return strings.Join(kept, " ")
}

// requestFiller are the words a request for a person leaves besides
// functionWords: politeness and "is it possible". Search would judge some
// such remains relevant on their own ("Kan eg få med ein" found the
// article on payment delays by "få"), so they are checked here before
// searching.
var requestFiller = wordSet(`want, please, takk, gjerne, være, vere, det, mogleg, mulig, and, not`)
