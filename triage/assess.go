package triage

import (
	"math"
	"sort"
	"strings"

	"github.com/los-bot/los"
)

// Tuning of the rules. Weights in the lexicons combine per category as a
// noisy-or: 1 - (1-w1)(1-w2)...; a category applies from threshold on.
const (
	threshold     = 0.5
	negationWords = 1   // content words allowed between a negator and a match
	negationReach = 6   // words before a match searched for a negator
	impersonal    = 0.5 // weight factor when a personal entry or a bare word has no person near
	shortMessage  = 3   // words up to which a bare word is the message ("agent", "selvmord")
	// clearWord is the least weight of a single word that is clear
	// evidence on its own ("selvmord", "inkasso"); lighter single words
	// are ambiguous ("død", "syk", "lei") and what they decide rests on
	// weak evidence.
	clearWord = 0.8
	// cueWeight is the largest weight of a cue entry: its words mark the
	// category's field ("liv", "kniv") in a message about a person, which
	// lets the learned model raise to it, but never count toward a
	// decision, however many of them stand together.
	cueWeight = 0.1
	capsShout = 0.5  // most words in capitals
	capsWord  = 0.25 // one emphasised word in capitals ("INGEN")
	punctRun  = 0.3  // "!!!", "???", "?!"
)

// catIndex maps a category to its position in los.Categories.
var catIndex = func() map[los.Category]int {
	m := map[los.Category]int{}
	for i, c := range los.Categories {
		m[c] = i
	}
	return m
}()

var numCats = len(los.Categories)

// assessment is what the rules make of one message.
type assessment struct {
	score []float64 // by position in los.Categories
	cue   []bool    // some unsuppressed evidence, however weak
	// bound marks categories with evidence tied to a person: a phrase, or
	// a single word in a sentence that names the writer, someone close or
	// the company addressed (not halved as impersonal). Only such evidence
	// of self_harm or violence lets the learned model raise to them.
	bound []bool
	// about is true when the message names the writer, someone close or
	// the company addressed: the learned model raises only such messages.
	about bool
	// clear marks categories with one such piece of evidence that decides
	// on its own: a phrase reaching the threshold, or a single word of at
	// least clearWord (see evidence).
	clear []bool
	// vetoed marks categories whose evidence the rules found figurative
	// or joking (any category) or negated (non-critical ones; a negated
	// critical phrase may be a clumsy negator): the learned model may not
	// raise a message to them.
	vetoed []bool
	// lowered is true when the learned model lowered the rules' decision
	// to none: the two layers disagree, so the second opinion is asked
	// whatever the confidence.
	lowered  bool
	signals  []string
	category los.Category
	conf     float64
	// evidence grades what category rests on: clear when the rules
	// decided a sensitive category on clear evidence (whatever category a
	// later layer chose), weak when only the learned model or the second
	// opinion found it, or the rules only on weak or impersonal evidence.
	evidence los.Evidence
}

type hit struct {
	rule   *rule
	phrase *phrase
	m      match
}

// bound reports whether the message names the person r's evidence is
// about (see scope.bound): in the rule's language, or in English for an
// English message matched by a Norwegian word ("I'm at Ullevål").
func (l *Lexicon) bound(t *text, r *rule) bool {
	return r.scope.bound(t, r.personal) || t.english && l.scopes[stemEnglish].bound(t, r.personal)
}

// assess runs the lexicons and the intensity rules over t.
func (l *Lexicon) assess(t *text) assessment {
	a := assessment{score: make([]float64, numCats), cue: make([]bool, numCats), vetoed: make([]bool, numCats),
		bound: make([]bool, numCats), clear: make([]bool, numCats)}
	var hits []hit
	words := t.words()
	a.about = l.scopes[stemNorwegian].bound(t, false) || t.english && l.scopes[stemEnglish].bound(t, false)
	for i := range t.tokens {
		l.phrases.candidates(&t.tokens[i], func(rf *ref) {
			if rf.rule.scope.stemmer == stemEnglish && !t.english {
				return
			}
			if rf.rule.short && words > shortMessage {
				return
			}
			if m, ok := rf.phrase.matchAt(t, i); ok {
				hits = append(hits, hit{rule: rf.rule, phrase: rf.phrase, m: m})
			}
		})
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].rule.n != hits[j].rule.n {
			return hits[i].rule.n < hits[j].rule.n
		}
		return hits[i].m.from < hits[j].m.from
	})
	best := map[*rule]evidence{}
	first := map[los.Category]hit{}
	for i, h := range hits {
		if i > 0 && hits[i-1].rule == h.rule && hits[i-1].m.from == h.m.from {
			continue // same phrase found through two index keys
		}
		if sig, ok := l.suppressed(t, h); ok {
			a.signals = append(a.signals, sig)
			if !strings.HasPrefix(sig, "rule:negated:") || h.rule.cat.Severity() != los.SeverityCritical {
				a.vetoed[catIndex[h.rule.cat]] = true
			}
			continue
		}
		w := h.rule.weight
		what := t.span(h.m.from, h.m.to)
		bare := len(h.phrase.slots) == 1 && words > shortMessage
		if (h.rule.personal || bare) && !l.bound(t, h.rule) {
			w *= impersonal
			a.signals = append(a.signals, "rule:impersonal:"+what)
		} else {
			a.bound[catIndex[h.rule.cat]] = true
			if w >= threshold && (len(h.phrase.slots) > 1 || w >= clearWord) {
				a.clear[catIndex[h.rule.cat]] = true
			}
		}
		prev, seen := best[h.rule]
		if seen && w <= prev.w {
			continue
		}
		if !seen {
			a.signals = append(a.signals, "lexicon:"+string(h.rule.cat)+":"+what)
		}
		if _, ok := first[h.rule.cat]; !ok {
			first[h.rule.cat] = h
		}
		best[h.rule] = evidence{h.rule.cat, w, h.m.from, h.m.to, h.rule.weight <= cueWeight}
	}
	// Killing words are shared by self_harm and violence ("dreper meg",
	// "tar livet av meg"): wording the rules found figurative or joking
	// for one is not evidence for the other either.
	sh, v := catIndex[los.CategorySelfHarm], catIndex[los.CategoryViolence]
	if a.vetoed[sh] || a.vetoed[v] {
		a.vetoed[sh], a.vetoed[v] = true, true
	}
	// A veto pattern of a category anywhere in the message bars the
	// learned model from it even where no entry matched: "jeg har
	// ingenting imot å betale litt mer" is no payment trouble, whatever
	// the model makes of it. A veto bars its own category only: "ikke
	// tilgjengelig på adressen min" is no threat, and says nothing about
	// a goodbye in the same message.
	vetoes := l.vetoesIn(t)
	for i, c := range los.Categories {
		if sig, ok := vetoes[c]; ok && !a.vetoed[i] {
			a.vetoed[i] = true
			a.signals = append(a.signals, sig)
		}
	}
	for _, e := range strongest(best) {
		if e.cue {
			a.cue[catIndex[e.cat]] = true // a cue only: never toward a decision
			continue
		}
		a.add(e.cat, e.w)
	}
	shout := 0.0
	for _, in := range l.intensity(t) {
		a.add(los.CategoryDistress, in.weight)
		a.signals = append(a.signals, in.signal)
		shout = 1 - (1-shout)*(1-in.weight)
	}
	if shout >= threshold {
		// Shouting ("HVORFOR SVARER DERE IKKE!!!") is clear evidence of
		// strong anger: an offer of a human, which nothing should lower.
		a.clear[catIndex[los.CategoryDistress]] = true
	}
	a.decide()
	a.evidence = los.EvidenceNone
	if a.category != los.CategoryNone {
		a.evidence = los.EvidenceWeak
		if a.clear[catIndex[a.category]] {
			a.evidence = los.EvidenceClear
		}
	}
	if h, ok := first[a.category]; ok {
		if who := h.rule.scope.who(t, h.m); who != "" {
			a.signals = append(a.signals, who)
		}
	}
	a.signals = dedupe(a.signals)
	if a.signals == nil {
		a.signals = []string{} // JSON [] rather than null
	}
	return a
}

// evidence is the weight a rule gives its category, and where.
type evidence struct {
	cat      los.Category
	w        float64
	from, to int
	cue      bool // from a cue entry (see cueWeight)
}

// strongest keeps, per category and span of words, the heaviest evidence:
// entries of several files (nb and nn spell many words alike) matching the
// same words count once. The order is fixed so that sums are reproducible.
func strongest(best map[*rule]evidence) []evidence {
	out := make([]evidence, 0, len(best))
	for _, e := range best {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.cat != y.cat {
			return catIndex[x.cat] < catIndex[y.cat]
		}
		if x.from != y.from || x.to != y.to {
			return x.from < y.from || x.from == y.from && x.to < y.to
		}
		return x.w > y.w
	})
	n := 0
	for i, e := range out {
		if i > 0 && e.cat == out[n-1].cat && e.from == out[n-1].from && e.to == out[n-1].to {
			continue
		}
		out[n] = e
		n++
	}
	return out[:n]
}

func (a *assessment) add(c los.Category, w float64) {
	i := catIndex[c]
	a.score[i] = 1 - (1-a.score[i])*(1-w)
	a.cue[i] = true
}

// decide picks the most severe category at or over the threshold.
func (a *assessment) decide() {
	top := 0.0
	for i, c := range los.Categories {
		if c == los.CategoryNone {
			continue
		}
		top = math.Max(top, a.score[i])
		if a.category == "" && a.score[i] >= threshold {
			a.category, a.conf = c, a.score[i]
		}
	}
	if a.category == "" {
		a.category, a.conf = los.CategoryNone, 1-top
	}
}

// suppressed says whether a hit is figurative or negated, with the signal.
func (l *Lexicon) suppressed(t *text, h hit) (string, bool) {
	for _, f := range h.rule.scope.figurative[h.rule.cat] {
		if fm, ok := f.overlapping(t, h.m); ok {
			return "rule:figurative:" + t.span(fm.from, fm.to), true
		}
	}
	for _, f := range h.rule.scope.hyperbole[h.rule.cat] {
		if fm, ok := f.overlapping(t, h.m); ok && h.rule.scope.joking(t) {
			return "rule:joking:" + t.span(fm.from, fm.to), true
		}
	}
	for _, n := range h.rule.negating {
		for _, nm := range n.findAll(t) {
			if t.tokens[nm.from].sentence == t.tokens[h.m.from].sentence {
				return "rule:negated:" + t.span(nm.from, nm.to), true
			}
		}
	}
	if h.rule.negatable && h.rule.scope.negated(t, h.m) {
		return "rule:negated:" + t.span(h.m.from, h.m.to), true
	}
	return "", false
}

// joking reports whether a mark of a joke (the set "joke": "haha", "lol")
// stands anywhere in t, not negated before or after ("ikke en spøk", "jeg
// tuller ikke"). Hyperbole phrases ("sjefen dreper meg", "tar livet av
// meg") do not count in such messages.
func (sc *scope) joking(t *text) bool {
	for i := range t.tokens {
		if !sc.joke.matches(&t.tokens[i]) || sc.negated(t, match{from: i, to: i, pos: []int{i}}) {
			continue
		}
		if j := i + 1; j < len(t.tokens) && !t.tokens[j].boundary && sc.negators[t.tokens[j].surface] {
			continue
		}
		return true
	}
	return false
}

// negated reports whether a negator stands in the gaps of m or shortly
// before it in the same clause: "jeg er ikke syk", "ingen i familien har
// dødd", "trenger ikke hjelp fra et menneske". Between the negator and the
// match may stand light words (articles, prepositions, auxiliaries: the
// file's negation_skip list) and one other word, so that "kan ikke jobbe
// på grunn av kreften" stays affirmative about the illness.
func (sc *scope) negated(t *text, m match) bool {
	slots := 0
	for j := m.from; j <= m.to; j++ {
		if slots < len(m.pos) && m.pos[slots] == j {
			slots++
			continue
		}
		if sc.negators[t.tokens[j].surface] {
			return true
		}
	}
	content := 0
	for j := m.from - 1; j >= 0 && j >= m.from-negationReach; j-- {
		w := t.tokens[j].surface
		switch {
		case t.tokens[j+1].boundary || t.tokens[j].sentence != t.tokens[m.from].sentence:
			return false
		case sc.negators[w]:
			return true
		case sc.breaks[w]:
			return false
		case !sc.light[w]:
			content++
			if content > negationWords {
				return false
			}
		}
	}
	return false
}

func dedupe(s []string) []string {
	seen := make(map[string]bool, len(s))
	out := s[:0]
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
