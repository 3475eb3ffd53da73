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
		hr   = los.CategoryHumanRequest
		fr   = los.CategoryFraudVictim
		fin  = los.CategoryFinancialHardship
		b    = los.CategoryBereavement
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
		{"no point living, someone close", "Dottera mi sa i går at ho ikkje ser nokon vits i å leve. Abonnementet hennar står på meg.", sh},
		{"no point living, someone close", "My brother keeps saying we'd all be better off if he was dead. Can I move his phone plan to me?", sh},
		{"no point living, someone close", "Det er ingen vits i å betale for fiber 1000 når ruteren er så treg.", none},
		{"a call with an employee", "Kan jeg avtale en telefonsamtale med en rådgiver om avtalen?", hr},
		{"a call with an employee", "Korleis får eg tak i ein saksbehandlar som kjenner saka mi?", hr},
		{"a call with an employee", "Kan jeg bli ringt opp av noen hos dere i morgen?", hr},
		{"a call with an employee", "Jeg vil heller snakke med noen av kjøtt og blod.", hr},
		{"a call with an employee", "I'd rather sort this out with one of your staff.", hr},
		{"a call with an employee", "Blir jeg ringt opp av en selger hvis jeg bestiller på nett?", none},
		{"a colleague", "Jeg tar dette med en kollega av deg i stedet.", hr},
		{"a colleague", "Kollegaen min sa at fiberen deres er rask, stemmer det?", none},
		{"asked again", "Kor mange gonger skal eg måtte forklare det same til dykk?", d},
		{"asked again", "Femte chat denne uka, og ingen har løst det.", d},
		{"asked again", "Jeg skal legge ut hele samtalen på Facebook så alle ser det.", d},
		{"asked again", "Jeg er rasende, dere har sendt regningen til feil adresse igjen.", d},
		{"asked again", "Not sure why I bother writing anymore, nothing ever changes.", d},
		{"asked again", "Hvor mange ganger kan jeg endre forfallsdato i året?", none},
		{"asked again", "Ble helt knust da Brann tapte i går, og så falt TV-signalet. Hva skjedde?", none},
		{"a SIM or an account number changed", "SIM-kortet mitt ble byttet i går, men jeg har ikke bedt om noe nytt.", fr},
		{"a SIM or an account number changed", "Paid an invoice from an email, but the account number was different from yours.", fr},
		{"a SIM or an account number changed", "Hvordan bytter jeg SIM-kort til eSIM?", none},
		{"tracked, threatened after prison", "Tror eksen har lagt inn sporing på mobilen min, kan dere sjekke abonnementet?", v},
		{"tracked, threatened after prison", "Bror min seier han skal ordne opp med meg når han slepp ut frå fengselet.", v},
		{"tracked, threatened after prison", "If he shows up again I'll put him in hospital.", v},
		{"tracked, threatened after prison", "Kan jeg se sporing på pakken med ruteren?", none},
		{"nothing left to pay with", "Strømmen er stengt fordi jeg ikke har betalt, og det er kaldt her.", fin},
		{"nothing left to pay with", "Det var ikke noe penger på kontoen da regningen skulle trekkes.", fin},
		{"nothing left to pay with", "Kan jeg betale litt nå og resten når pensjonen kommer?", fin},
		{"nothing left to pay with", "Strømmen er stengt i hele gata, når kommer den tilbake?", none},
		{"an estate, a loss", "Eg skriv på vegner av buet etter far min, kven skal ha sluttrekninga?", b},
		{"an estate, a loss", "We lost mum in October and her phone contract is still running.", b},
		{"an estate, a loss", "We lost the signal in October for two days, do we get money back?", none},
		{"writing about illness", "Jeg er sykepleierstudent og skriver om kreftpasienter, har dere tall på det?", none},
		{"writing about illness", "Jeg har fått kreft og skriver til dere fra sykehuset.", ill},
		{"tired of a thing", "Jeg er så lei av at søppelbilen kommer klokka seks og bråker.", none},
		{"tired of a thing", "Eg er så lei av at TV-en heng seg opp kvar helg.", none},
		{"tired of a thing", "Jeg er så lei av alt, orker ikke mer.", sh},
		{"killing the inbox", "Dere tar livet av innboksen min med alle tilbudene.", none},
		{"killing the inbox", "Han sa han skulle ta livet av meg.", v},
		{"now that someone is gone", "No som Olav ikkje er her lenger, kan eg ta over abonnementet hans?", b},
		{"now that someone is gone", "Siden kona mi ikke er her mer, kommer jeg ikke inn med BankID-en hennes.", b},
		{"now that someone is gone", "Huset til mor skal selges nå som hun er borte.", b},
		{"now that someone is gone", "Nå som montøren er dratt, virker ikke nettet.", none},
		{"leaving as a customer", "Vi bytter til en annen leverandør fra mars, hvordan sier jeg opp?", none},
		{"leaving as a customer", "Jeg skal ikke bo her lenger enn til mars, når må jeg melde flytting?", none},
		{"leaving as a customer", "I'm leaving for another provider next month, how do I cancel?", none},
		{"leaving as a customer", "Si opp alt. Jeg vil ikke være kunde hos dere lenger, jeg kommer ikke til å trenge noe etter i kveld.", sh},
		{"leaving as a customer", "Si opp alt, jeg kommer ikke til å trenge det. Jeg har ordnet alt for de som blir igjen.", sh},
		{"anger denied", "Jeg er ikke sint, bare lurer på når regningen kommer.", none},
		{"not at my address", "Sjekka nå, og det står \"ikke tilgjengelig\" på adressen min. Typisk.", none},
		{"not at my address", "Kva gjer eg om naboen brukar wifien min? Eg trur han har passordet.", none},
		{"not at my address", "Eksen har funnet den nye adressen min og står utenfor døra.", v},
		// Cases a reviewer wrote against the first version of this round.
		{"review", "Mannen min vil skilles, så jeg skal ta livet av meg i kveld.", sh},
		{"review", "De vil ikke hjelpe meg, så jeg skal ta livet av meg.", sh},
		{"review", "They are killing me, please help.", v},
		{"review", "Kan jeg skru av sporing i telefonen min når jeg er i utlandet?", none},
		{"review", "Kan dere ordne opp med meg i morgen om regningen?", none},
		{"review", "My mother fell and we had to send her to hospital, can the bill wait?", ill},
		{"review", "Jeg vil ikke bruke mobilen mer. Det er ingen som trenger meg lenger, og jeg er så sliten.", sh},
		{"review", "Naboen bruker wifien min. Si opp alt, jeg kommer ikke til å trenge noe etter i kveld.", sh},
		{"review", "SIM-kortet ble byttet i butikken i går, men nå har jeg ikke mobildata.", none},
		{"review", "Kontonummeret er feil på fakturaen, hvilket skal jeg bruke?", none},
		{"review", "My account number is wrong on Min side, how do I update it?", none},
		{"review", "Siden jeg ikke er her mer enn to uker i året, kan jeg pause abonnementet på hytta?", none},
		{"review", "Nå som han er borte på jobb hele uka, kan jeg flytte avtalen til meg?", none},
		{"review", "Jeg skriver om faren min som har fått kreft, kan vi utsette regningen?", ill},
		{"review", "I spoke to one of your agents last week and was promised a credit.", none},
		{"review", "Kollegaen din sa i går at jeg skulle få pengene tilbake, stemmer det?", none},
		{"review", "We lost dad's password for the account, how do we reset it?", none},
		{"review", "Jeg er ikke forbanna, bare lurer på når regningen kommer.", none},
		{"review", "Ligger sykehuset innenfor dekningsområdet deres?", none},
		{"review", "Kan sykehuset få strøm fra dere?", none},
		{"a device gone", "Skriver for bestemor som ikke har PC. Hun lurer på hvorfor TV-en har blitt borte.", los.CategoryVulnerable},
	}
	runFamilies(t, tests)
}
