package kb

import (
	"strings"
	"unicode/utf8"
)

// lightStem strips Norwegian inflection endings (definite and plural forms
// of nouns, present tense of verbs, in Bokmål and Nynorsk) so that
// "faktura", "fakturaen", "fakturaer" and "fakturaene" share one stem, as
// do "rekning" and "rekninga", "strømmen" and "strøm". It strips at most
// two endings, keeps at least three letters, and undoubles a final double
// consonant in longer stems ("strømm" -> "strøm", but "komm" stays, apart
// from "kom" and "komet").
//
// It is deliberately crude: both the index and the query go through it,
// so what matters is that inflected forms of one word meet, not that the
// stem is a real word.
func lightStem(w string) string {
	for round := 0; round < 2; round++ {
		s, ok := stripEnding(w)
		if !ok {
			break
		}
		w = s
	}
	return undouble(w)
}

// lightEndings are tried longest first.
var lightEndings = []string{"ene", "ane", "er", "ar", "en", "et", "a", "e"}

func stripEnding(w string) (string, bool) {
	n := utf8.RuneCountInString(w)
	// Passive and genitive: "brukes", "Norges", "Danmarks".
	if strings.HasSuffix(w, "es") && n-2 >= 3 {
		return w[:len(w)-2], true
	}
	if strings.HasSuffix(w, "s") && n-1 >= 4 && strings.IndexByte("bcdfghjklmnoprtvyz", w[len(w)-2]) >= 0 {
		return w[:len(w)-1], true
	}
	for _, e := range lightEndings {
		if strings.HasSuffix(w, e) && n-len(e) >= 3 {
			return w[:len(w)-len(e)], true
		}
	}
	return w, false
}

func undouble(w string) string {
	n := len(w)
	if n >= 5 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouy", rune(w[n-1])) && w[n-1] < utf8.RuneSelf {
		return w[:n-1]
	}
	return w
}

// nynorskStems maps Nynorsk words (and a few old Bokmål forms) to the
// Bokmål word with the same meaning, so that a question in one standard
// finds an article in the other. Keys and values are folded through
// lightStem when the table is built, so any inflected form of the key
// meets any inflected form of the value.
var nynorskWords = [][2]string{
	{"kjem", "kommer"}, {"rekning", "regning"}, {"straum", "strøm"},
	{"heim", "hjem"}, {"heime", "hjemme"}, {"veit", "vet"}, {"gjere", "gjøre"},
	{"gjer", "gjør"}, {"fekk", "fikk"}, {"gjekk", "gikk"}, {"sjå", "se"}, {"ser", "ser"},
	{"eigar", "eier"}, {"eige", "eie"}, {"eigen", "egen"}, {"meir", "mer"},
	{"fyrste", "første"}, {"veke", "uke"}, {"månad", "måned"}, {"tilbod", "tilbud"},
	{"pengar", "penger"}, {"teneste", "tjeneste"}, {"tenester", "tjenester"},
	{"motteke", "mottatt"}, {"teke", "tatt"}, {"saman", "sammen"}, {"fleire", "flere"},
	{"leige", "leie"}, {"nettleige", "nettleie"}, {"høyre", "høre"}, {"bustad", "bolig"},
	{"spørsmål", "spørsmål"}, {"svare", "svare"}, {"opne", "åpne"}, {"open", "åpen"},
	{"stengt", "stengt"}, {"lese", "lese"}, {"avlesing", "avlesning"}, {"målar", "måler"},
	{"tilgang", "tilgang"}, {"logge", "logge"}, {"mobil", "mobil"}, {"ny", "ny"},
	{"kvifor", "hvorfor"}, {"ikkje", "ikke"}, {"mykje", "mye"}, {"dyrt", "dyrt"},
	{"kostar", "koster"}, {"betalar", "betaler"}, {"forbruk", "forbruk"}, {"brot", "brudd"},
	{"straumbrot", "strømbrudd"}, {"straumavtale", "strømavtale"}, {"straummålar", "strømmåler"},
	{"straumpris", "strømpris"}, {"straumstøtte", "strømstøtte"}, {"sende", "sende"},
	{"sendt", "sendt"}, {"frå", "fra"}, {"ynskje", "ønske"}, {"ønskje", "ønske"},
}

// nynorskRoots are folded wherever they occur, so also inside compounds:
// "straumrekninga" -> "strømregninga", "utrekning" -> "utregning".
var nynorskRoots = [][2]string{{"straum", "strøm"}, {"rekning", "regning"}, {"nettleige", "nettleie"}}

var foldStems = func() map[string]string {
	m := make(map[string]string, len(nynorskWords))
	for _, p := range nynorskWords {
		if k, v := lightStem(p[0]), lightStem(p[1]); k != v {
			m[k] = v
		}
	}
	return m
}()

// foldNynorsk replaces Nynorsk roots in a lowercase word by their Bokmål
// counterparts, before stemming.
func foldNynorsk(w string) string {
	for _, p := range nynorskRoots {
		if strings.Contains(w, p[0]) {
			w = strings.ReplaceAll(w, p[0], p[1])
		}
	}
	return w
}

// lightForm is the light analysis of one lowercase word: Nynorsk folded,
// inflection stripped.
func lightForm(w string) string {
	s := lightStem(foldNynorsk(w))
	if f, ok := foldStems[s]; ok {
		return f
	}
	return s
}
