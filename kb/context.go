package kb

import "slices"

// A question in a conversation: "og hva koster den?" asks about what the
// earlier messages were about. The caller (the bot) decides whether the
// earlier messages belong to the question; given them, Search adds their
// words to the question's with a lower weight (they say what the
// question is about, but the question says what is asked), and favours
// the articles already cited for the topic.
const (
	// contextWeight is how much a word of the earlier messages counts,
	// in the search and in Coverage, against 1 for the question's own.
	contextWeight = 0.7
	// priorBoost multiplies the score of a section of an article cited
	// for the topic (SearchOptions.Prior).
	priorBoost = 1.5
)

// addContext adds to p the content words of the earlier messages ctx that
// the question lacks, as context groups.
func addContext(p plan, ctx string, syns []*Synonyms) plan {
	if ctx == "" {
		return p
	}
	c := analyze(ctx, syns...)
	have := map[string]bool{}
	for _, alts := range p.alts {
		have[alts[0][0].light] = true
	}
	for g, w := range c.words {
		t := c.alts[g][0][0]
		if have[t.light] {
			continue
		}
		have[t.light] = true
		p.words = append(p.words, w)
		p.alts = append(p.alts, c.alts[g])
		a := c.attr[g]
		a.pos, a.cue, a.ctx = -1, false, true
		p.attr = append(p.attr, a)
	}
	p.exps = append(p.exps, c.exps...)
	return p
}

// favourPrior multiplies the score of the hits of the prior articles.
func favourPrior(hits []Hit, prior []string) {
	if len(prior) == 0 {
		return
	}
	for i := range hits {
		for _, slug := range prior {
			if hits[i].Slug == slug {
				hits[i].Score *= priorBoost
				break
			}
		}
	}
}

// ownWords reports whether the question has words of its own, besides the
// context's, that are not weak.
func (p plan) ownWords() bool {
	for _, a := range p.attr {
		if !a.ctx && !a.weak {
			return true
		}
	}
	return false
}

// priorShare is the share of DefaultMinRelevance from which a hit of the
// article the conversation is about answers a follow-up that leans on
// it: see trustPrior.
const priorShare = 0.5

// trustPrior judges relevant the hits of the prior articles (the topic
// of an elliptic follow-up, "hvor mange sånne kan jeg ha?" after an
// answer on mesh) that hold at least priorShare of what a hit needs: the
// follow-up's few words are about the article the customer just read,
// and its context words count less (see addContext).
func trustPrior(hits []Hit, prior []string) {
	for i := range hits {
		if hits[i].Confidence >= priorShare*DefaultMinRelevance && slices.Contains(prior, hits[i].Slug) {
			hits[i].Confidence = max(hits[i].Confidence, DefaultMinRelevance)
		}
	}
}
