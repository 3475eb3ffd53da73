package lang

import "github.com/los-bot/los"

// Words that belong to one standard's official norm and not to the
// other's (Norsk rettskrivning: Bokmål and Nynorsk as Språkrådet keeps
// them), and English function words. A word valid in both standards (dette,
// denne, også, hos, derfor, mitt, blir, betaler, prøver, ser, skal, ...)
// is no marker. Weights: 3 for
// frequent forms that are never the other standard, 1 for forms that are
// also an English word, a rare form of the other standard, or a homograph.
var markers = map[string][numStd]float64{}

func mark(s los.Standard, w float64, words ...string) {
	i := index(s)
	for _, x := range words {
		v := markers[x]
		v[i] = w
		markers[x] = v
	}
}

func init() {
	mark(los.Nynorsk, 3, "ikkje", "eg", "kva", "korleis", "kvifor", "korfor", "kven", "kvar",
		"kvart", "frå", "berre", "heime", "noko", "nokon", "nokre", "noka", "dykk",
		"dykkar", "sjølv", "rekning", "rekninga", "rekningar", "straum", "straumen",
		"kjem", "mykje", "vere", "vore", "vorte", "vart", "gjere", "seie", "seier",
		"høyrer", "fekk", "gjekk", "hjå", "treng", "ynskjer", "ønskjer", "fleire",
		"saman", "sidan", "utan", "òg", "enno", "eigen", "eige", "eigne", "endrar",
		"nett-tenester", "desse", "meir", "heilt", "heile", "dei", "deira", "hennar",
		"medan", "kvarandre", "elles", "tidlegare", "vanleg", "vanlegvis", "eigentleg",
		"mogleg", "moglegheit", "korkje", "sjå", "byrje", "annan", "tenester",
		"teneste", "framleis", "difor", "kostar", "svarar", "reknar", "beklagar",
		"breiband", "breibandet", "raud", "raudt", "raude", "behalde", "dotter",
		"dottera", "sonen", "augo", "draum", "laus", "lause", "hugse", "gløymt",
		"gløymde", "spørsmåla")
	mark(los.Nynorsk, 1, "eit", "ein", "kor", "ho", "no", "mi", "ei", "veit", "bur", "då",
		"vert", "anna", "gong", "veke")
	mark(los.Bokmal, 3, "ikke", "jeg", "hva", "hvordan", "hvor", "hvorfor", "hvem", "hvert",
		"hvilken", "hvilke", "hvis", "fra", "bare", "hjemme", "noe", "noen", "dere",
		"deres", "selv", "regning", "regningen", "regninger", "strøm", "strømmen",
		"kommer", "mye", "være", "vært", "gjøre", "sier", "hører", "vet", "fikk", "gikk",
		"trenger", "ønsker", "flere", "sammen", "siden", "uten", "ennå", "egen", "egne",
		"endrer", "disse", "mer", "helt", "hele", "hun", "ham", "hverandre", "ellers",
		"tidligere", "vanlig", "vanligvis", "egentlig", "mulig", "mulighet", "nå", "ble",
		"annen", "annet", "tjenester", "tjeneste", "koster", "svarer", "regner",
		"beklager", "bredbånd", "bredbåndet", "rødt", "beholde", "datter", "sønnen",
		"glemt", "glemte")
	// "de" is no marker: Bokmål's "they", but Nynorsk's polite or plural
	// "you" ("Har de fasttelefon?").
	mark(los.Bokmal, 1, "et", "en", "kun", "bor")
	mark(los.English, 3, "the", "you", "what", "how", "where", "my", "is", "are",
		"can", "does", "with", "from", "please", "want", "need", "bill", "invoice",
		"why", "when", "have", "has", "will", "would", "your", "this", "that", "it",
		"of", "was", "don't", "i'm", "we", "our", "there", "which", "who", "been",
		"could", "should", "help", "thanks", "hello")
	mark(los.English, 1, "do", "and", "not", "hi")
}

// askVerbs are verbs that open a question to the company: "Har de ...?",
// "Kan de ...?" address it with Nynorsk's "de" (Bokmål asks "Har dere").
var askVerbs = map[string]bool{"har": true, "kan": true, "sel": true, "tilbyr": true,
	"leverer": true, "sender": true, "gjer": true, "må": true, "vil": true, "skal": true,
	"treng": true, "veit": true, "tek": true, "får": true, "ordnar": true, "fiksar": true}

// politeDe is the weight of "de" after an ask verb: more than a plain
// marker, since such a question often holds nothing else but names and
// product words ("Har de fiber i Lærdal?").
const politeDe = 4

// markerScores adds up the marker weights of the words of text and
// reports whether any word was a marker.
func markerScores(ws []string) (sc [numStd]float64, found bool) {
	for i, w := range ws {
		if w == "de" && i > 0 && askVerbs[ws[i-1]] {
			found = true
			sc[index(los.Nynorsk)] += politeDe
			continue
		}
		if v, ok := markers[w]; ok {
			found = true
			for i := range sc {
				sc[i] += v[i]
			}
		}
	}
	return sc, found
}

// MarkerWords returns the distinct words of text that mark standard s
// strongly (weight 3), in order of appearance.
func MarkerWords(text string, s los.Standard) []string {
	i := index(s)
	seen := map[string]bool{}
	var out []string
	for _, w := range words(text) {
		if markers[w][i] >= 3 && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}
