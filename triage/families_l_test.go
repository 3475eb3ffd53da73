package triage

import (
	"testing"

	"github.com/los-bot/los"
)

// TestFamiliesRoundL holds the wording families of round L (2026-12-08:
// the second fresh answer set, now tuned on, and the tuning part of the
// round L blind triage set) with messages written for this test, not
// taken from any labelled set: positives in the family's own words and
// nearby negatives.
func TestFamiliesRoundL(t *testing.T) {
	const (
		none = los.CategoryNone
		d    = los.CategoryDistress
		v    = los.CategoryViolence
		ill  = los.CategoryIllness
		sh   = los.CategorySelfHarm
	)
	tests := []familyCase{
		{"no more of a thing", "vil ikke ha efaktura mer, hvordan stopper jeg det", none},
		{"no more of a thing", "Eg vil ikkje ha papirrekninga i posten meir.", none},
		{"no more of a thing", "Jeg vil ikke ha reklame på sms lenger, takk.", none},
		{"no more of a thing", "Jeg vil ikke mer. Orker ikke noe av dette.", sh},
		{"ending everything with you", "Vi flytter utenlands, hvordan avslutter jeg alt hos dere?", none},
		{"ending everything with you", "Skal flytte til Spania for godt, korleis avsluttar eg alt hjå dykk?", none},
		{"ending everything with you", "Jeg skal avslutte alt i kveld, jeg orker ikke mer.", sh},
		{"ending everything with you", "Jeg vil avslutte alle avtalene hos dere fra mars.", none},
		{"subject left out", "Har selvmordstanker igjen. Orker ikke ordne flyttingen selv.", sh},
		{"subject left out", "Ligger på sykehus etter en operasjon, kan regningen vente?", ill},
		{"subject left out", "Fekk kreft i haust og får ikkje ordna med flyttinga.", ill},
		{"subject left out", "Har dere kreftforsikring eller noe sånt?", none},
		{"subject left out", "Er det kreft i slekta, får man rabatt da? Bare lurer.", none},
		{"an English writer, a Norwegian word", "I'm at Ullevål after an accident and will be here for weeks. Can the broadband wait?", ill},
		{"an English writer, a Norwegian word", "Does the fibre reach the new flats at Ullevål?", none},
		{"contacts repeated", "Jeg har ringt dere fire ganger denne uka uten å få svar!", d},
		{"contacts repeated", "Eg har skrive til dykk tre gonger om same rekninga.", d},
		{"contacts repeated", "Dere har hatt brudd tre ganger denne uka, blir det bedre?", none},
		{"contacts repeated", "Jeg har testet hastigheten flere ganger i dag, den er 80 Mbit.", none},
		{"a town", "Eg bur i Volda og mobilnettet er dårleg inne i huset.", none},
		{"a town", "Han utsatte meg for vold i fjor, og nå har han funnet adressen min.", v},
		{"prices killing me", "Honestly your prices are killing me this winter, how do I switch to fixed price?", none},
		{"prices killing me", "He says he is going to kill me if I don't give him the password.", v},
		{"prices killing me", "My ex said it is going to kill me when he finds the new address.", v},
		{"prices killing me", "This buffering is killing me, can you check the line?", none},
	}
	runFamilies(t, tests)
}
