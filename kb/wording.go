package kb

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// How customers write, beyond the words of the articles: without æ, ø
// and å ("stromregning", "pa", "naar"), compounds split or joined
// differently ("kapasitets ledd", "fiberinstallasjonen"), and words that
// tell their situation (when, who, where) rather than what they ask
// about. repair mends the first two against the index's vocabulary; the
// third are weak words, which count less.

// asciiFold spells a lowercase word as it is typed without Norwegian
// letters: å and aa as a, æ and ae as a, ø and oe as o. Both the
// vocabulary and the question's unknown words are folded, so "aapent",
// "apent" and "åpent" meet.
func asciiFold(w string) string {
	if !strings.ContainsAny(w, "æøåe") && !strings.Contains(w, "aa") {
		return w
	}
	return folder.Replace(w)
}

var folder = strings.NewReplacer("aa", "a", "ae", "a", "oe", "o", "å", "a", "æ", "a", "ø", "o")

// foldedStops are the stop words holding æ, ø or å, by ASCII spelling:
// "pa" (på), "naar" (når), "ma" (må).
var foldedStops = func() map[string]bool {
	m := map[string]bool{}
	for w := range stopWords {
		if strings.ContainsAny(w, "æøå") {
			m[asciiFold(w)] = true
		}
	}
	return m
}()

func isASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Splitting an unknown compound: both parts must be words of the index of
// at least minPart letters; a linking s or e between them is dropped
// ("kapasitetsledd" = "kapasitet" + "ledd").
const minPart = 3

// repair mends the question's words that the index does not hold (dfs[g]
// == 0), in place: a word typed without æ, ø or å that spells a stop word
// is left out, one that spells words of the index gets them as variants;
// an unknown compound gets its two parts as an alternative; and two
// neighbouring words that the index holds as one compound get it as an
// alternative. It returns the plan and document frequencies without the
// groups left out. The caller holds ix.mu for reading.
func (ix *Index) repair(p plan, dfs []uint64) (plan, []uint64) {
	if ix.voc == nil {
		return p, dfs
	}
	drop := make([]bool, len(p.words))
	for g, w := range p.words {
		if dfs[g] > 0 {
			continue
		}
		t := &p.alts[g][0][0]
		if isASCII(w) {
			if foldedStops[asciiFold(w)] {
				drop[g] = true
				continue
			}
			if forms := ix.voc.unfold(asciiFold(t.light)); len(forms) > 0 {
				// The word is the index's word typed without æ, ø or å:
				// it is searched as that word, in every field (as a
				// variant it would reach the text alone, and a plain
				// word of the question would outweigh it).
				slices.SortStableFunc(forms, func(a, b string) int { return cmp.Compare(ix.voc.df(b), ix.voc.df(a)) })
				t.light, t.stem = forms[0], stemForm(forms[0])
				t.variants = append(t.variants, forms[1:]...)
				dfs[g] = uint64(max(1, ix.voc.df(forms[0])))
				continue
			}
		}
		if parts := ix.splitCompound(t.light); parts != nil {
			p.alts[g] = append(p.alts[g], parts)
			dfs[g] = 1
		}
	}
	ix.joinNeighbours(p)
	if !contains(drop, true) {
		return p, dfs
	}
	var out plan
	var outDFs []uint64
	for g := range p.words {
		if drop[g] {
			continue
		}
		out.words = append(out.words, p.words[g])
		out.alts = append(out.alts, p.alts[g])
		out.attr = append(out.attr, p.attr[g])
		outDFs = append(outDFs, dfs[g])
	}
	out.exps, out.want, out.translated = p.exps, p.want, p.translated
	return out, outDFs
}

func contains(xs []bool, x bool) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// splitCompound returns the two words of the index that light is made
// of, the longest last part first, or nil.
func (ix *Index) splitCompound(light string) []term {
	if utf8.RuneCountInString(light) < 2*minPart+1 {
		return nil
	}
	for i := minPart; i <= len(light)-minPart; i++ {
		if !utf8.RuneStart(light[i]) {
			continue
		}
		head := light[i:]
		if ix.voc.df(head) == 0 {
			continue
		}
		for _, mod := range []string{light[:i], strings.TrimSuffix(light[:i], "s"), strings.TrimSuffix(light[:i], "e")} {
			if utf8.RuneCountInString(mod) >= minPart && ix.voc.df(lightForm(mod)) > 0 {
				return []term{newTerm(mod), {light: head, stem: stemForm(head)}}
			}
		}
	}
	return nil
}

// joinNeighbours gives two neighbouring words of the question that the
// index holds as one word ("kapasitets ledd", "strøm regning") that word
// as an alternative of both.
func (ix *Index) joinNeighbours(p plan) {
	for g := 0; g+1 < len(p.words); g++ {
		if p.attr[g].ctx || p.attr[g+1].pos != p.attr[g].pos+1 {
			continue
		}
		a, b := p.words[g], p.words[g+1]
		for _, joined := range []string{a + b, a + "s" + b} {
			t := newTerm(joined)
			if ix.voc.df(t.light) > 0 {
				p.alts[g] = append(p.alts[g], []term{t})
				p.alts[g+1] = append(p.alts[g+1], []term{t})
				break
			}
		}
	}
}

// weakWeight is how much a weak word counts, in the search and in
// Coverage, against 1 for another word.
const weakWeight = 0.3

// isWeak reports whether the lowercase word w is a weak word: one that
// tells when, who or where ("i morgon", "kveld", "kona", "huset") or
// only greets or hedges ("lurer", "egentlig"). Such words rarely name
// what a question is about, yet they are rare in the articles, so
// unweighted they would decide the ranking.
func isWeak(w string) bool { return weakLights[lightForm(w)] }

var weakLights = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(weakWords + frameWords) {
		m[lightForm(w)] = true
	}
	return m
}()

// frameWords, in Bokmål, Nynorsk and English, are the verbs and nouns a
// question wraps its subject in: "selger dere boligalarm?", "kan jeg
// bruke Vipps?", "har dere noe for studenter?". The subject decides
// whether the knowledge base answers; a match on the frame alone is no
// answer.
const frameWords = `
selge selger selg sel solgt kjøpe kjøper kjøp kjøpt kjøpte bruke bruker brukt brukte
tilby tilbyr tilbyd tilbod tilbud levere leverer lever leverte fikse fikser fiks fiksa
ordne ordner ordna skaffe skaffer skaff hjelpe hjelper hjelp hjelpa montere monterer
finnes fins finst trenge trenger treng trengte
betale betaler betal betalt betalte
tjeneste tjenester teneste tenester produkt produkter produkta ting tinga mulighet
moglegheit løsning løysing
sell sells sold buy buys bought use uses used offer offers provide provides deliver
delivers fix fixes help helps need needs service services product products thing things
`

// weakWords, in Bokmål, Nynorsk and English, by family. Days, months and
// units of time are not weak: opening hours, billing months and the
// length of an outage are asked about.
const weakWords = `
idag igår imorgen imorgon morgen morgon morgonen kveld kvelden kvelds
natt natta natten ettermiddag formiddag helg helga helgen helgene
uke uka veke veka forrige førre neste tidlig tidleg seint snart straks
ennå enno enda fortsatt framleis igjen allerede allereie plutselig
plutseleg nettopp nylig nyleg akkurat
today tomorrow yesterday tonight evening morning night weekend week
soon still already recently suddenly
mamma pappa mor far mora faren moren foreldre foreldrene kona kone
mannen gubben kjæreste kjærasten bestemor bestefar besteforeldre
svigermor svigerfar svigerforeldre sønn sønnen sonen datter datteren
dattera dotter dottera barn barna ungene ungane søster søstera bror
broren venn venninne kompis kollega kollegaen
mom mum dad mother father wife husband grandmother grandfather
grandma grandpa son daughter kids children friend colleague
girlfriend boyfriend
hus huset leilighet leiligheten leilegheita soverom soverommet stue
stua stuen kjøkken kjøkkenet kjeller kjelleren loft loftet
house flat apartment bedroom kitchen basement
hei heisann hallo takk tusen mvh hilsen lurer lurte lure egentlig
eigentleg liksom lissom altså skikkelig veldig ganske helt heilt litt
kjempe gjerne visst please pls plz ok okei okay hey hello sorry
unnskyld orsak
`
