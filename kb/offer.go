package kb

import (
	"context"
	"regexp"
	"strings"
)

// "Selger dere varmepumper?", "Er Netflix inkludert i TV-pakken?", "kan jeg
// betale med Vipps?", "do you offer prepaid SIMs?": a question whether the
// company offers, sells, includes or takes something is answered by the
// knowledge base only if the knowledge base names that thing. When the
// first content word after such a frame is a word no section holds (not
// as typed, nor spelt without æøå, nor as the parts of a compound, nor
// through a synonym), the hits answer something else ("kan jeg betale
// strømregningen med Vipps?" found the article on high bills): Search
// then judges none of them relevant, and the bot says it has no answer
// and offers a person.

// offerFrames find the frame; the object is what follows it.
var offerFrames = []*regexp.Regexp{
	regexp.MustCompile(`\b(?:har|selger|sel|sell|tilbyr|tilbyd|leverer|leverar|fører|förer)\s+(?:dere|de|dykk|du|dokker)\b(.*)`),
	regexp.MustCompile(`\b(?:betale|betala|betaler|betalar|pay)\b.*?\b(?:med|with|by)\b(.*)`),
	regexp.MustCompile(`\b(?:finnes|fins|finst)\s+det\b(.*)`),
	regexp.MustCompile(`\b(?:kan|kunne)\s+(?:dere|de|dykk|you)\s+(?:montere|installere|installera|skaffe|selge|selje|levere|install|supply|recommend|anbefale|anbefala)\b(.*)`),
	regexp.MustCompile(`\b(?:kan|får|fær)\s+(?:jeg|eg|i|vi|me)\s+(?:åpne|opne|kjøpe|kjøpa|open|buy|leie|leige|rent)\b(.*)`),
	regexp.MustCompile(`\bdo\s+you\s+(?:have|sell|offer|provide|do|carry|stock)\b(.*)`),
	regexp.MustCompile(`\bis\s+there\b(.*)`),
	regexp.MustCompile(`^(?:er|is)\b(.*?)\b(?:inkludert|inkl|included|med i|part of)\b`),
}

// offerObject returns the first content word after an offer frame in q,
// "" when q has no such frame.
func offerObject(q string) string {
	q = strings.ToLower(q)
	for _, re := range offerFrames {
		m := re.FindStringSubmatch(q)
		if m == nil {
			continue
		}
		for _, w := range tokenize(m[1]) {
			if !isStopWord(w) && !isWeak(w) {
				return w
			}
		}
		return ""
	}
	return ""
}

// offerCandidate returns the light form of offerObject(q) when, before
// repair, no section holds it as typed and no synonym stands for it; ""
// otherwise.
func offerCandidate(q string, p plan, dfs []uint64) string {
	obj := offerObject(q)
	if obj == "" {
		return ""
	}
	light := lightForm(obj)
	for g, alts := range p.alts {
		if alts[0][0].light == light {
			if dfs[g] == 0 && len(alts) == 1 && len(alts[0]) == 1 {
				return light
			}
			return ""
		}
	}
	return ""
}

// unknownOffer reports whether the candidate (see offerCandidate) is a
// thing no section names after repair too: no near spelling or spelling
// with æøå was found for it, and no example question holds it (an editor
// who attached "kan jeg betale med Vipps?" to an article made Vipps
// known). A compound split into known parts stays unknown: "brukskonto"
// is not named by a section about "konto". The caller holds ix.mu for
// reading.
func (ix *Index) unknownOffer(ctx context.Context, light string, p plan) bool {
	if light == "" {
		return false
	}
	for _, alts := range p.alts {
		if alts[0][0].light == light {
			if len(alts[0][0].variants) > 0 {
				return false
			}
			return termCount(ctx, ix.idx, fieldAskL, light) == 0
		}
	}
	return false
}

// unknownOfferConfidence caps the Confidence of every hit for a question
// about an offer of something no section names: below
// DefaultMinRelevance, so none is relevant.
const unknownOfferConfidence = DefaultMinRelevance / 2
