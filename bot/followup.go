package bot

import (
	"context"
	"strings"
	"unicode"

	"github.com/los-bot/los"
)

// topic is what the conversation so far is about: the articles the last
// answers cited, and the customer messages that led to them.
type topic struct {
	slugs    []string
	messages []string
}

// maxContext is how many earlier customer messages a follow-up is read
// with.
const maxContext = 2

// currentTopic reads the topic from the history: the last maxContext
// customer messages, back to one that changed the topic (see
// changesTopic), and the article the latest answer cited first. The
// messages are taken whatever the answers to them cited: an answer may
// have missed, and a message that got none is often the customer still
// explaining. Which of them matter is the retriever's to weigh.
func currentTopic(history []los.Message) topic {
	var t topic
	var answered string // first citation of the bot reply after the customer message in hand
	for i := len(history) - 1; i >= 0 && len(t.messages) < maxContext; i-- {
		m := history[i]
		switch m.Role {
		case los.RoleBot, los.RoleAgent:
			answered = ""
			if m.Role == los.RoleBot && len(m.Citations) > 0 {
				answered = m.Citations[0]
			}
		case los.RoleCustomer:
			if answered != "" && len(t.slugs) == 0 {
				t.slugs = append(t.slugs, answered)
			}
			t.messages = append(t.messages, m.Text)
			answered = ""
			if changesTopic(m.Text) {
				return t
			}
		}
	}
	return t
}

// elliptic reports whether a message leans on the ones before it: it
// starts with a connective ("og", "men", "what about"), or has at most
// maxOwnWords words of its own and a pronoun or question word pointing
// back ("hva koster den?", "kor lang tid tek det?").
func elliptic(text string) bool {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	})
	if len(words) == 0 {
		return true
	}
	if connectives[words[0]] || len(words) > 1 && connectives[words[0]+" "+words[1]] {
		return true
	}
	own := 0
	back := false
	for _, w := range words {
		switch {
		case pointers[w]:
			back = true
		case !functionWords[w] && len([]rune(w)) > 2:
			own++
		}
	}
	return own <= 1 || back && own <= maxOwnWords
}

// maxOwnWords is how many words of its own an elliptic message with a
// pronoun pointing back may have.
const maxOwnWords = 3

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Split(s, ",") {
		if w = strings.TrimSpace(w); w != "" {
			m[w] = true
		}
	}
	return m
}

// connectives start a message that continues the conversation.
var connectives = wordSet(`og, men, så, eller, enn, da, då, også, òg, og så, hva med, kva med, hvis, viss,
	dersom, ok, okei, okay, takk, and, but, so, or, what about, how about, also, then, if`)

// pointers are pronouns and adverbs pointing back to something said.
var pointers = wordSet(`den, det, dette, denne, disse, dei, de, dem, ho, han, hun, henne, honom,
	der, dit, da, då, sånn, slik, samme, same, it, that, this, those, these, there, them, they, one`)

// functionWords carry no subject: question words, auxiliaries,
// pronouns, prepositions, in Bokmål, Nynorsk and English.
var functionWords = wordSet(`hva, kva, hvordan, korleis, hvor, kor, kvar, når, hvorfor, kvifor, hvem, kven,
	hvilken, kva for, jeg, eg, du, vi, me, dere, de, dykk, meg, deg, oss, min, mitt, mine, din, ditt, dine,
	er, var, blir, ble, vart, har, hadde, kan, kunne, må, skal, vil, ville, bør, får, fikk, fekk, gjør, gjer,
	tar, tek, går, ikke, ikkje, noe, noko, nokon, noen, en, ei, et, ein, eit, i, på, til, fra, frå, med,
	om, av, for, ved, hos, hjå, etter, før, som, at, å, seg, sin, sitt, sine, nå, no, bare, berre, også,
	mye, mykje, lang, lenge, tid, fort, snart, egentlig, eigentleg,
	what, how, where, when, why, who, which, i, you, we, my, your, is, are, was, be, do, does, did, can,
	could, will, would, should, have, has, had, get, the, a, an, to, of, in, on, for, with, from, about,
	long, much, many, take, takes, now`)

// retrieveInConversation retrieves sources for text in its conversation:
// with the model's standalone question when a Rewriter gives one in
// time; alone when it announces a new topic; else with the earlier
// messages of the topic, which count less than its own words (and, for
// an elliptic message, with the topic's article favoured), falling back
// to the message alone when that finds nothing relevant. A message that
// is not elliptic must find something relevant alone too. On the blind
// tuning conversations, reading every later message with its context
// found the right article first for 0.68 of follow-ups, only elliptic
// ones 0.62, none 0.41; switches stayed at 1.0 with the markers; asking
// non-elliptic messages to stand alone too cost 2 of 99 follow-ups and
// answered 2 of 7 out-of-scope messages honestly that were not.
func (b *Bot) retrieveInConversation(ctx context.Context, l los.Standard, text string, history []los.Message) ([]los.Source, error) {
	cr, ok := b.cfg.Retriever.(los.ContextRetriever)
	t := currentTopic(history)
	if !ok || len(t.messages) == 0 {
		return b.cfg.Retriever.Retrieve(ctx, text, l, b.cfg.Sources)
	}
	if q, ok := b.rewrite(ctx, l, text, history, t); ok {
		return cr.RetrieveQuery(ctx, q, l, b.cfg.Sources)
	}
	if changesTopic(text) {
		return b.cfg.Retriever.Retrieve(ctx, text, l, b.cfg.Sources)
	}
	q := los.Query{Text: text, Context: t.messages}
	leans := elliptic(text)
	if leans {
		q.Topic = t.slugs
	}
	with, err := cr.RetrieveQuery(ctx, q, l, b.cfg.Sources)
	if err != nil || len(with) == 0 || !with[0].Relevant {
		return b.cfg.Retriever.Retrieve(ctx, text, l, b.cfg.Sources)
	}
	if !leans {
		// A message with words of its own that finds nothing alone is
		// not made answerable by the messages before it: it is most
		// likely about something the knowledge base does not cover.
		alone, err := b.cfg.Retriever.Retrieve(ctx, text, l, b.cfg.Sources)
		if err == nil && (len(alone) == 0 || !alone[0].Relevant) {
			return alone, nil
		}
	}
	return with, nil
}

// changesTopic reports whether a message says it is about something else
// ("forresten, ...", "en annen ting: ...", "btw", "different question"):
// then the earlier messages do not belong to it. "Nei forresten" corrects
// the message before instead.
func changesTopic(text string) bool {
	s := " " + strings.Join(strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ") + " "
	for _, m := range topicMarkers {
		i := strings.Index(s, " "+m+" ")
		if i < 0 || strings.HasSuffix(s[:i], " nei") || strings.HasSuffix(s[:i], " eller") {
			continue
		}
		// "apropos det, hva koster den?" speaks of the same thing.
		if next, _, _ := strings.Cut(s[i+len(m)+2:], " "); m == "apropos" && pointers[next] {
			continue
		}
		return true
	}
	return false
}

// topicMarkers announce a new subject, in Bokmål, Nynorsk and English.
var topicMarkers = []string{"forresten", "btw", "by the way", "annet spørsmål", "anna spørsmål",
	"nytt spørsmål", "annen ting", "anna ting", "annan ting", "annen sak", "anna sak", "annan sak", "ny sak", "apropos", "noe annet", "noko anna",
	"helt annet", "heilt anna", "different question", "another question", "new question", "something else",
	"another thing", "unrelated", "off topic"}
