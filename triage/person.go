package triage

import (
	"strings"

	"github.com/los-bot/los"
)

// Who a message is about: the writer, someone close, the company
// addressed (see the sets self, close, generic and addressee of the
// lexicons), and the veto patterns that bar the learned layer.

// who names the person affected by m, as a signal: a close person named in
// its sentence ("who:close:mora") before the writer ("who:self").
func (sc *scope) who(t *text, m match) string {
	s := t.tokens[m.from].sentence
	self := false
	for i := range t.tokens {
		tk := &t.tokens[i]
		if tk.sentence != s {
			continue
		}
		if sc.closeAt(t, i) {
			return "who:close:" + tk.surface
		}
		self = self || sc.self.matches(tk)
	}
	if self {
		return "who:self"
	}
	return ""
}

// bound reports whether the message names the writer or someone close
// or, unless personal, addresses the company ("dere", "dykk"): a single
// word is then evidence about them. The whole message counts, since
// customers often leave the subject out of a sentence ("Avskjedsbrevet
// er skrevet. Jeg vil bare ..."), and a sentence opening with a verb
// whose subject is left out is the writer's ("Har sjølvmordstankar att",
// see droppedSelf).
func (sc *scope) bound(t *text, personal bool) bool {
	for i := range t.tokens {
		tk := &t.tokens[i]
		if sc.self.matches(tk) || sc.closeAt(t, i) || !personal && sc.addressee.matches(tk) || sc.droppedSelf(t, i) {
			return true
		}
	}
	return false
}

// droppedSelf reports whether token i opens a sentence with a verb whose
// subject, the writer, is left out: a word of the set dropped first in
// a sentence that is not a question ("Ligger sykehuset innenfor
// dekningsområdet?" has its subject after the verb), not followed by one
// of the set subjects ("Har dere", "Er det") nor ending the sentence.
func (sc *scope) droppedSelf(t *text, i int) bool {
	tk := &t.tokens[i]
	if i > 0 && t.tokens[i-1].sentence == tk.sentence || t.asked[tk.sentence] || !sc.dropped.matches(tk) {
		return false
	}
	n := i + 1
	return n < len(t.tokens) && t.tokens[n].sentence == tk.sentence && !sc.subjects.matches(&t.tokens[n])
}

// closeAt reports whether token i names a close person of the writer:
// a word of the set close not right after a word of the set generic
// ("en mor", "ei mor", "hans venner", "sin avdøde mor" name someone
// else's or anyone's).
func (sc *scope) closeAt(t *text, i int) bool {
	if !sc.close.matches(&t.tokens[i]) {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		if sc.generic.matches(&t.tokens[j]) {
			return false
		}
		if t.tokens[j].letters > 0 && j == i-1 && !adjectiveLike(t.tokens[j].surface) {
			break
		}
	}
	return true
}

// adjectiveLike reports whether a word may stand between an article and a
// noun ("en dødssyk mor", "sin avdøde mor"): a rough test on endings of
// Norwegian adjectives and participles.
func adjectiveLike(w string) bool {
	for _, end := range []string{"e", "ig", "syk", "sjuk", "lig", "ende", "et", "ete"} {
		if strings.HasSuffix(w, end) {
			return true
		}
	}
	return false
}

// vetoesIn finds the categories with a veto pattern anywhere in t, with
// a signal for the first of each.
func (l *Lexicon) vetoesIn(t *text) map[los.Category]string {
	var out map[los.Category]string
	for i := range t.tokens {
		l.vetoes.candidates(&t.tokens[i], func(rf *ref) {
			if _, done := out[rf.rule.cat]; done || rf.rule.scope.stemmer == stemEnglish && !t.english {
				return
			}
			if m, ok := rf.phrase.matchAt(t, i); ok {
				if out == nil {
					out = map[los.Category]string{}
				}
				out[rf.rule.cat] = "rule:veto:" + t.span(m.from, m.to)
			}
		})
	}
	return out
}
