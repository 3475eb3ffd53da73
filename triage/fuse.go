package triage

import (
	"strconv"

	"github.com/los-bot/los"
)

// fuse lets the learned model complement the rules decision in a, given
// the model's probabilities p (in the order of m.classes). The rules come
// first and keep their signals; the model:
//
//   - never changes a critical decision (self_harm, violence) of the rules;
//   - raises a decision to a more severe category c when p[c] reaches the
//     threshold of c's severity (critical ones lowest, since missing them is
//     worst): from none, or from a non-critical category the model finds
//     less probable than c; not to a category whose words the rules found
//     figurative or joking (or negated, for non-critical ones; killing
//     words found figurative bar both critical categories), and not in
//     messages of fewer than minWords words or naming neither the writer,
//     someone close nor the company; to a critical category only
//     when the rules found self_harm or violence evidence tied to a person
//     (assessment.bound: a phrase, or a word in a sentence naming the
//     writer, someone close or the company), never on its own; from none
//     to a critical category only when p[c] also reaches
//     Thresholds.NoneRatio times p[none];
//   - lowers a non-critical decision resting on weak evidence (never a
//     clear one; see assessment.evidence) with a confidence under
//     Thresholds.Below to none when p[none] reaches Thresholds.Lower, if
//     set.
//
// What it did shows as a signal "learned:CATEGORY:P". A raised category
// counts as a cue, so the second opinion may still review it; it rests on
// weak evidence unless the rules had clear evidence for a sensitive
// category.
func (m *Model) fuse(a *assessment, words int, p []float64) {
	if len(p) != len(m.classes) {
		return
	}
	c, conf, changed := m.thresholds.decide(m.classes, a.ruling(words), p)
	if !changed {
		return
	}
	switch {
	case c == los.CategoryNone:
		a.evidence = los.EvidenceNone
	case a.evidence != los.EvidenceClear:
		a.evidence = los.EvidenceWeak
	case c.Severity() == los.SeverityCritical && !a.criticalCue() && !(m.thresholds.Cue == CueAny && a.anyCriticalCue()):
		// Raised without a cue (Thresholds.Offer): never clear, whatever
		// the rules found for another category.
		a.evidence = los.EvidenceWeak
	}
	if c != los.CategoryNone {
		a.cue[catIndex[c]] = true
	}
	a.lowered = c == los.CategoryNone
	a.category, a.conf = c, conf
	a.signals = append(a.signals, learnedSignal(c, conf))
}

// minWords is the fewest words a message needs for the model to raise it:
// greetings and fragments ("Hei, dette er Kari.") give it too little to go
// on. On the cross-validation folds this cost one sensitive message of 508.
const minWords = 6

// ruling is what fuse weighs of the rules' assessment of a text.
type ruling struct {
	cat    los.Category
	conf   float64
	vetoed []bool // see assessment
	words  int
	// cued is true when the rules found self_harm or violence evidence
	// tied to a person (see assessment.bound): without it the model may
	// not raise to a critical category.
	cued bool
	// anyCue is true when the rules found any unsuppressed self_harm or
	// violence evidence, a word naming nobody included (Thresholds.Cue
	// "any").
	anyCue bool
	// clear is true when the rules decided on clear evidence: the model
	// may not lower it.
	clear bool
	// about is true when the message names the writer, someone close or
	// the company: without it the model raises to no category ("Filmen
	// handler om en mor som får kreft").
	about bool
}

// ruling is what the learned model weighs of a.
func (a *assessment) ruling(words int) ruling {
	sh, v := catIndex[los.CategorySelfHarm], catIndex[los.CategoryViolence]
	return ruling{cat: a.category, conf: a.conf, vetoed: a.vetoed, words: words, cued: a.criticalCue(),
		anyCue: a.cue[sh] || a.cue[v], clear: a.evidence == los.EvidenceClear, about: a.about}
}

// decide is fuse without the signals: the category and confidence after
// the model, given the rules' ruling.
func (th Thresholds) decide(classes []los.Category, ru ruling, p []float64) (los.Category, float64, bool) {
	cat, conf, vetoed := ru.cat, ru.conf, ru.vetoed
	cued := ru.cued || th.Cue == CueAny && ru.anyCue
	rank := cat.Severity().Rank()
	if rank == los.SeverityCritical.Rank() {
		return cat, conf, false
	}
	// Over a category the rules chose, the model must prefer the new one.
	floor := 0.0
	if cat != los.CategoryNone {
		for j, c := range classes {
			if c == cat {
				floor = p[j]
			}
		}
	}
	pNone := 0.0
	for j, c := range classes {
		if c == los.CategoryNone {
			pNone = p[j]
		}
	}
	best, bestP, bestRank := los.CategoryNone, 0.0, 0
	for j, c := range classes {
		if ru.words < minWords || !ru.about {
			break
		}
		var need float64
		switch c.Severity() {
		case los.SeverityCritical:
			if !cued {
				continue // never on the model's word alone
			}
			need = th.Critical
			if cat == los.CategoryNone {
				need = max(need, th.NoneRatio*pNone)
			}
		case los.SeverityHigh:
			need = th.High
		case los.SeverityMedium:
			need = th.Medium
		default:
			continue
		}
		r := c.Severity().Rank()
		if p[j] < need || p[j] <= floor || r <= rank || vetoed[catIndex[c]] {
			continue
		}
		// The most severe category that qualifies; within one severity the
		// more probable.
		if r > bestRank || r == bestRank && p[j] > bestP {
			best, bestP, bestRank = c, p[j], r
		}
	}
	if best != los.CategoryNone {
		return best, bestP, true
	}
	// A critical category the model may not raise to at Critical for want
	// of a cue (not one the rules found figurative or joking): over Offer
	// it keeps the category (what the message is about), on weak evidence
	// (fuse), so the response is a check-in, never the crisis numbers.
	if th.Offer > 0 && !cued && rank < los.SeverityMedium.Rank() && ru.words >= minWords && ru.about {
		top, topC := 0.0, los.CategoryNone
		for j, c := range classes {
			if c.Severity() == los.SeverityCritical && !vetoed[catIndex[c]] && p[j] > top {
				top, topC = p[j], c
			}
		}
		if top >= th.Offer {
			return topC, top, true
		}
	}
	if th.Lower > 0 && cat != los.CategoryNone && !ru.clear && conf < th.Below {
		for j, c := range classes {
			if c == los.CategoryNone && p[j] >= th.Lower {
				return c, p[j], true
			}
		}
	}
	return cat, conf, false
}

// apply runs the model on t and fuses its answer into the rules' a.
func (m *Model) apply(t *text, a *assessment) {
	if a.category.Severity() == los.SeverityCritical {
		return // nothing the model says can change it
	}
	p := make([]float64, len(m.classes))
	m.probs(t.features(nil), p)
	m.fuse(a, t.words(), p)
}

// criticalCue says whether the rules found self_harm or violence evidence
// tied to a person.
func (a *assessment) criticalCue() bool {
	return a.bound[catIndex[los.CategorySelfHarm]] || a.bound[catIndex[los.CategoryViolence]]
}

// anyCriticalCue says whether the rules found any unsuppressed self_harm
// or violence evidence (Thresholds.Cue "any").
func (a *assessment) anyCriticalCue() bool {
	return a.cue[catIndex[los.CategorySelfHarm]] || a.cue[catIndex[los.CategoryViolence]]
}

func learnedSignal(c los.Category, p float64) string {
	return "learned:" + string(c) + ":" + strconv.FormatFloat(p, 'f', 2, 64)
}
