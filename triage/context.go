package triage

import (
	"context"
	"strings"

	"github.com/los-bot/los"
)

// Conversation is what came before a message in its conversation.
type Conversation struct {
	// Earlier are the customer's earlier messages, oldest first; only the
	// last contextMessages are read.
	Earlier []string
	// Topic names what the conversation is about, when known, for
	// example the title of the knowledge-base article it started from
	// ("Fiberinstallasjon og levering").
	Topic string
}

// contextMessages is how many earlier messages ClassifyIn reads.
const contextMessages = 5

// ClassifyIn triages text as a message of conv. A message is read in its
// conversation: when the conversation so far is about a service matter
// (it names a device or service, set device, or someone who comes to do a
// job, set worker, such as "montøren") and nothing sensitive, a pronoun
// of the message stands for what was named ("han kommer klokka 8" is the
// installer, "den er helt død" the router), so that "han vet hvor jeg
// bor" in a conversation about a fibre installation is the installer
// knowing the address. A conversation with anything sensitive in it, or
// naming someone close to the writer, is not used: the message is then
// read as it stands, as by Classify. What was resolved shows as a signal
// "context:han=montøren".
func (c *Classifier) ClassifyIn(ctx context.Context, text string, conv Conversation) los.Triage {
	t := analyse(text)
	var pre []string
	if person, thing, ok := c.lex.referents(conv); ok {
		pre = c.lex.resolve(t, person, thing)
	}
	return c.classify(ctx, text, t, pre)
}

// ClassifyInContext is ClassifyIn with the earlier messages only, for
// callers that keep no topic (los.ContextTriager).
func (c *Classifier) ClassifyInContext(ctx context.Context, text string, earlier []string) los.Triage {
	return c.ClassifyIn(ctx, text, Conversation{Earlier: earlier})
}

// referents finds what a pronoun of the next message may stand for: the
// last worker and the last device or service the conversation named. It
// reports false when the conversation names none, names someone close to
// the writer, or has any sensitive evidence (a hint or more) in it.
func (l *Lexicon) referents(conv Conversation) (person, thing string, ok bool) {
	msgs := conv.Earlier
	if len(msgs) > contextMessages {
		msgs = msgs[len(msgs)-contextMessages:]
	}
	if conv.Topic != "" {
		msgs = append([]string{conv.Topic}, msgs...)
	}
	for _, m := range msgs {
		t := analyse(m)
		a := l.assess(t)
		for i, s := range a.score {
			if s >= realCue && los.Categories[i] != los.CategoryNone {
				return "", "", false
			}
		}
		for i := range t.tokens {
			tk := &t.tokens[i]
			for _, sc := range l.scopes {
				switch {
				case sc.closeAt(t, i):
					return "", "", false
				case sc.worker.matches(tk):
					person = tk.surface
				case sc.device.matches(tk):
					thing = tk.surface
				}
			}
		}
	}
	return person, thing, person != "" || thing != ""
}

// resolve replaces the pronouns of t that stand for the conversation's
// worker (person pronouns) or device (thing pronouns; person pronouns too
// when no worker was named, as Nynorsk "han" for "rutaren") and returns
// the signals saying so.
func (l *Lexicon) resolve(t *text, person, thing string) []string {
	var signals []string
	var b strings.Builder
	for i := range t.tokens {
		tk := &t.tokens[i]
		ref := ""
		for _, sc := range l.scopes {
			switch {
			case sc.pronoun.matches(tk) && person != "":
				ref = person
			case sc.pronoun.matches(tk) || sc.it.matches(tk):
				ref = thing
			}
			if ref != "" {
				break
			}
		}
		if ref == "" {
			continue
		}
		signals = append(signals, "context:"+tk.surface+"="+ref)
		t.tokens[i] = newToken(ref, tk.sentence, tk.boundary, &b)
	}
	return dedupe(signals)
}
