package kb

import (
	"context"
	"regexp"
	"slices"
	"strings"
)

// "Selger dere varmepumper?", "Er Netflix inkludert i TV-pakken?", "kan jeg
// betale med Vipps?", "do you offer prepaid SIMs?", "rabatt for
// pensjonistar?", "ringe til USA?": a question whether the
// company offers, sells, includes or takes something is answered by the
// knowledge base only if the knowledge base names that thing. When the
// first content word after such a frame is a word no section holds (not
// as typed, nor spelt without æøå, nor as the parts of a compound, nor
// through a synonym), the hits answer something else ("kan jeg betale
// strømregningen med Vipps?" found the article on high bills): Search
// then judges none of them relevant, and the bot says it has no answer
// and offers a person.

// offerFrame is one way of asking whether the company offers something.
// byParts marks the frames whose object a compound of known words
// names: a discount for "fiberkunder" is one the sections can speak of,
// while "brukskonto" is not an offer of "konto".
type offerFrame struct {
	re      *regexp.Regexp
	byParts bool
}

// offerFrames find the frame; the object is what follows it, in the
// same sentence. "har dere" asks for an offer only at the start of a
// sentence ("Har dere studentrabatt?", not "Hvorfor har dere økt
// prisen?"), and "betale … med" only with at most three words between
// ("betale fakturaen med Vipps", not "betale senere? Jeg er i Spania med
// bobilen").
var offerFrames = []offerFrame{
	// A discount for someone or something, before the frames that would
	// take "rabatt" as the object: "har de rabatt for pensjonistar?",
	// "får studenter rabatt", "discount for seniors".
	{re: regexp.MustCompile(`\b(?:rabatt|rabatter|avslag|discount|discounts)\s+(?:for|til|to)\s+((?:\S+\s+)?[^\s.!?,]+)`), byParts: true},
	{re: regexp.MustCompile(`\b(?:får|fær|gir|gjev|gir dere)\s+(\S+)\s+(?:rabatt|avslag)\b`), byParts: true},
	{re: regexp.MustCompile(`(?:^|[.!?,:;]\s*|\b(?:hei|hallo|heisann)\s+)(?:har|have)\s+(?:dere|de|dykk|du|dokker)\b(.*)`)},
	{re: regexp.MustCompile(`\b(?:selger|sel|sell|tilbyr|tilbyd|leverer|leverar|fører)\s+(?:dere|de|dykk|du|dokker)\b(.*)`)},
	{re: regexp.MustCompile(`\b(?:betale|betala|betaler|betalar|pay)\b(?:\s+\S+){0,3}?\s+(?:med|with|by)\b(.*)`)},
	{re: regexp.MustCompile(`\b(?:finnes|fins|finst)\s+det\b(.*)`)},
	{re: regexp.MustCompile(`\b(?:kan|kunne)\s+(?:dere|de|dykk|you)\s+(?:montere|installere|installera|skaffe|selge|selje|levere|install|supply|recommend|anbefale|anbefala)\b(.*)`)},
	{re: regexp.MustCompile(`\b(?:kan|får|fær)\s+(?:jeg|eg|i|vi|me)\s+(?:åpne|opne|kjøpe|kjøpa|open|buy|leie|leige|rent)\b(.*)`)},
	{re: regexp.MustCompile(`\bdo\s+you\s+(?:have|sell|offer|provide|do|carry|stock)\b(.*)`)},
	{re: regexp.MustCompile(`\bis\s+there\b(.*)`)},
	{re: regexp.MustCompile(`^(?:er|is)\b(.*?)\b(?:inkludert|inkl|included|med i|part of)\b`)},
	// Calls to or from a country: "ringe til USA", "call Norway from
	// Thailand".
	{re: regexp.MustCompile(`\b(?:ringe|ringje|ringer|ringjer)\s+(?:til|(?:hjem|heim)\s+(?:fra|frå))\b(.*)`)},
	{re: regexp.MustCompile(`\bcall(?:ing|s)?\s+(?:\S+\s+){0,2}?from\b([^.!?]*)`)},
	{re: regexp.MustCompile(`\bcalls?\s+to\b([^.!?]*)`)},
}

// sentenceEnd ends the object of a frame.
var sentenceEnd = regexp.MustCompile(`[.!?\n]`)

// objectEnds are the prepositions that end the object of an offer
// question: what follows qualifies it ("på fiber", "for firmaet mitt").
var objectEnds = map[string]bool{
	"på": true, "pa": true, "for": true, "til": true, "i": true, "hos": true, "hjå": true, "med": true, "fra": true,
	"frå": true, "om": true, "av": true, "in": true, "on": true, "at": true, "to": true, "from": true, "with": true,
	"as": true, "by": true, "of": true,
}

// notObjects are words after a frame that name a time, not a thing:
// "rabatt til mars" is a discount until March.
var notObjects = map[string]bool{"januar": true, "februar": true, "mars": true, "april": true, "mai": true,
	"juni": true, "juli": true, "august": true, "september": true, "oktober": true, "november": true,
	"desember": true, "nyttår": true, "jul": true, "sommeren": true, "neste": true, "next": true}

// offerObject returns the content words of the object after an offer
// frame in q (up to a preposition, in the same sentence), the head word
// first, and the frame's byParts; nil when q has no such frame.
func offerObject(q string) (words []string, byParts bool) {
	q = strings.ToLower(q)
	for _, f := range offerFrames {
		m := f.re.FindStringSubmatch(q)
		if m == nil {
			continue
		}
		rest := m[1]
		if loc := sentenceEnd.FindStringIndex(rest); loc != nil {
			rest = rest[:loc[0]]
		}
		for _, w := range tokenize(rest) {
			if len(words) > 0 && objectEnds[w] {
				break // "studentrabatt på fiber": the object is "studentrabatt"
			}
			if !isStopWord(w) && !isWeak(w) {
				words = append(words, w)
			}
		}
		if len(words) > 0 && notObjects[words[0]] {
			return nil, false
		}
		return words, f.byParts
	}
	return nil, false
}

// offer is the object of an offer question that no section holds as
// typed (see offerCandidate): its head word as typed, and the frame's
// byParts.
type offer struct {
	word    string
	byParts bool
}

// offerCandidate returns the object of an offer question q (see
// offerObject) when, before repair, no section holds its head word as
// typed, no synonym stands for it, and no other word of the object is
// one the sections hold: "Har dere mottatt skifteattesten?" is about the
// certificate, not an offer of "mottatt". The zero offer otherwise.
func offerCandidate(q string, p plan, dfs []uint64) offer {
	words, byParts := offerObject(q)
	if len(words) == 0 {
		return offer{}
	}
	group := func(w string) int {
		light := lightForm(w)
		for g, alts := range p.alts {
			if alts[0][0].light == light {
				return g
			}
		}
		return -1
	}
	g := group(words[0])
	if g < 0 || dfs[g] > 0 || len(p.alts[g]) > 1 || len(p.alts[g][0]) > 1 {
		return offer{}
	}
	for _, w := range words[1:] {
		if o := group(w); o >= 0 && (dfs[o] > 0 || len(p.alts[o]) > 1) {
			return offer{}
		}
	}
	return offer{word: p.words[g], byParts: byParts}
}

// unknownOffer reports whether the candidate (see offerCandidate) is a
// thing no section names after repair too: repair did not find it
// spelt with æ, ø and å (it would have made the index's word of it), for
// a byParts frame it is not a compound of known words, and no example
// question holds it (an editor who attached "kan jeg betale med Vipps?"
// to an article made Vipps known). Otherwise a compound split into known
// parts stays unknown: "brukskonto" is not named by a section about
// "konto". The caller holds ix.mu for reading.
func (ix *Index) unknownOffer(ctx context.Context, o offer, p plan) bool {
	if o.word == "" {
		return false
	}
	g := slices.Index(p.words, o.word)
	if g < 0 {
		return false
	}
	t := p.alts[g][0][0]
	if t.light != lightForm(o.word) || o.byParts && len(p.alts[g]) > 1 {
		return false
	}
	return termCount(ctx, ix.idx, fieldAskL, t.light) == 0
}

// unknownOfferConfidence caps the Confidence of every hit for a question
// about an offer of something no section names: below
// DefaultMinRelevance, so none is relevant.
const unknownOfferConfidence = DefaultMinRelevance / 2
