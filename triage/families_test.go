package triage

import (
	"context"
	"testing"

	"github.com/los-bot/los"
)

// TestFamiliesRoundJ holds the wording families of round J (see
// lexicons/README.md) with messages written for this test, not taken from
// any labelled set: positives in the family's own words and nearby
// negatives a customer-service bot must leave alone.
func TestFamiliesRoundJ(t *testing.T) {
	tests := []familyCase{
		{"jumping", "Jeg har tenkt på å hoppe fra brua i natt.", sh},
		{"jumping", "Eg tenkjer på å gå ut foran toget når det kjem.", sh},
		{"jumping", "Kan jeg hoppe over steget med BankID når jeg logger inn?", none},
		{"jumping", "Jeg tenker på å hoppe av bindingstiden, hva koster det?", none},
		{"saved pills", "Jeg har samlet på sovetabletter en stund nå.", sh},
		{"saved pills", "Jeg har samlet på kvitteringer for strømstøtten hele året.", none},
		{"self-injury", "Eg skar meg i armen igjen i går kveld.", sh},
		{"self-injury", "Jeg brant meg på stekeovnen, dekker forsikringen legevakt?", none},
		{"a plan", "Jeg har planlagt hvordan jeg skal gjøre det, så dere kan si opp alt.", sh},
		{"a plan", "Jeg har planlagt hvordan jeg skal flytte, når må jeg melde flytting?", none},
		{"not staying long", "Jeg har ikke tenkt å være med så lenge til, så bare steng alt.", sh},
		{"not staying long", "Jeg har ikke tenkt å være med på den nye kampanjen deres.", none},
		{"settling affairs", "Takk for alt. Jeg ordner opp i alt nå, så ingen får regninger etterpå.", sh},
		{"settling affairs", "Takk for alt, fakturaen er betalt nå.", none},
		{"threats with fire or weapons", "Neste gang dere stenger strømmen setter jeg fyr på kontoret deres.", v},
		{"threats with fire or weapons", "Jeg tar med meg geværet ned til kontoret deres i morgen.", v},
		{"threats with fire or weapons", "Kan jeg sette fyr på peisen når strømmen er borte?", none},
		{"shooting", "Jeg kommer til å skyte den neste selgeren som ringer meg.", v},
		{"shooting", "Kan dere skyte inn en ekstra ruter i pakken min?", none},
		{"hiding from someone", "Jeg trenger hemmelig adresse, det er noen som ikke må finne meg.", v},
		{"hiding from someone", "Jeg vil ha hemmelig nummer så selgere slutter å ringe meg.", none},
		{"controlling partner", "Samboeren min kontrollerer alle pengene og telefonen min, og han blir sånn når noe er min feil.", v},
		{"controlling partner", "Kan jeg kontrollere alt forbruket og telefonabonnementet mitt i appen?", none},
		{"a death in other words", "Far forlot oss i vinter, og abonnementet hans må sies opp.", los.CategoryBereavement},
		{"a death in other words", "Mange kunder forlot oss for en konkurrent i fjor, sier nyhetene.", none},
		{"a person, in few words", "kundebehandler nå", los.CategoryHumanRequest},
		{"a person, in few words", "Hvem er agenten som solgte meg avtalen på døra?", none},
		{"appointments and scans", "Jeg har hatt mange legetimer og skanninger i det siste og glemte regningen.", los.CategoryIllness},
		{"appointments and scans", "Kan jeg bestille time for å få installert fiber?", none},
		{"a fault repeated", "Tredje gang nettet faller ut denne uka, kan dere sjekke linja?", none},
		{"a fault repeated", "Dette er tredje gang jeg ringer dere uten å få svar!", los.CategoryDistress},
		{"crushed at chess", "Ble helt knust i sjakk av datteren min i går. Har dere barnekanaler?", none},
		{"fiction", "Jeg skriver en krimroman der noen blir drept i en trafostasjon. Hvor mye strøm går det der?", none},
		{"pets", "Katten vår er livredd for ruteren som blinker, haha. Kan lysene skrus av?", none},
		{"near heart attack", "Holdt på å få hjerteinfarkt da jeg så regningen, haha. Hva er fastpris?", none},
		{"how the company collects", "Bruker dere inkassobyrå, eller håndterer dere purringer selv?", none},
		{"own router", "Jeg hacket meg inn på ruteren min med standardpassordet. Hvordan bytter jeg det?", none},
		{"a scam on TV", "I filmen jeg så i går ble hovedpersonen svindlet av en falsk selger. Skjer det?", none},
		{"birthday", "Bestefar fyller 90 år, kan vi gi ham gavekort på strøm?", none},
		{"mowing", "Can I mow the lawn for my elderly neighbour with power from his socket?", none},
		{"a promised call", "Dere lovet å ringe meg tilbake i går, men ingen ringte.", none},
		{"someone else's mother", "Filmen handler om en mor som får en alvorlig kreftdiagnose.", none},
		{"years are not ages", "Huset ble bygd i 1985 og to år senere fikk det strøm.", none},
		{"slags", "Hva slags avtale har jeg egentlig?", none},
		{"a name in capitals", "KARI NORDMANN OSLO", none},
		{"killing the data", "Ungene drepte datakvoten på to dager 😂 kan jeg sette en grense?", none},
	}
	runFamilies(t, tests)
}

// TestPaymentQuestions: a question about paying is answered; trouble
// paying is handed over (on clear evidence).
func TestPaymentQuestions(t *testing.T) {
	questions := []string{
		"Hvorfor er strømregningen så høy denne måneden?",
		"Regningen er høy i januar, er det normalt?",
		"Why is my electricity bill so high this month?",
		"Kvifor er rekninga så høg no?",
		"Hva skjer hvis jeg betaler for sent?",
		"Jeg har betalt, men fakturaen står fortsatt som ubetalt.",
		"Vil ikke ha regningen i posten lenger.",
		"Jeg fikk purring, men jeg har betalt. Kan dere sjekke?",
		"Kan jeg få avdrag på den store regningen?",
		"Jeg har fått lønn nå, så jeg betaler regningen i dag.",
		"Jeg har ingenting imot å betale litt mer for grønn strøm.",
	}
	trouble := []string{
		"Jeg klarer ikke å betale regningen denne måneden.",
		"Eg klarer ikkje å betale rekninga.",
		"Regningen har gått til inkasso og jeg vet ikke hva jeg skal gjøre.",
		"Kan jeg få betalingsutsettelse? Jeg har ikke råd før lønna kommer.",
		"I can't afford to pay this bill.",
	}
	c := newTestClassifier(t)
	ctx := context.Background()
	for _, q := range questions {
		if got := c.Classify(ctx, q); got.Category != los.CategoryNone || got.Response != los.ResponseAnswer {
			t.Errorf("question %q: %s %s %v, want none, answered", q, got.Category, got.Response, got.Signals)
		}
	}
	for _, q := range trouble {
		got := c.Classify(ctx, q)
		if got.Category != los.CategoryFinancialHardship || got.Evidence != los.EvidenceClear || got.Action != los.ActionHandoffNow {
			t.Errorf("trouble %q: %s %s %s %v, want financial_hardship on clear evidence, handed over", q, got.Category, got.Evidence, got.Action, got.Signals)
		}
	}
}

// TestFamiliesRecall holds the wording families fixed after issue 14's
// recall loss (means of suicide by exhaust; bringing a weapon to a place),
// with messages written for this test and nearby negatives.
func TestFamiliesRecall(t *testing.T) {
	tests := []familyCase{
		{"exhaust", "Jeg sitter i bilen med motoren i gang i garasjen nå. Bare si opp abonnementet.", sh},
		{"exhaust", "Eg har lagt ein slange frå eksosen inn i bilen.", sh},
		{"exhaust", "I'm sitting with the engine running in the garage and the door shut.", sh},
		{"exhaust", "Bilen står i garasjen, kan montøren parkere i oppkjørselen?", none},
		{"exhaust", "Eksosanlegget er byttet, dekker forsikringen verkstedregningen?", none},
		{"weapon to a place", "I morgen tar jeg med geværet ned til butikken deres og ordner opp.", v},
		{"weapon to a place", "Eg tek med børsa inn på kontoret dykkar neste veke.", v},
		{"weapon to a place", "I'm bringing my shotgun down to your office tomorrow.", v},
		{"weapon to a place", "Kan jeg ta med hunden til butikken deres?", none},
		{"weapon to a place", "Dekker innboforsikringen geværet mitt hvis det blir stjålet på jakt?", none},
		{"a weapon in public", "En mann på bussen vifter med kniv og truer folk, sjåføren gjør ingenting. Buss 31.", v},
		{"a weapon in public", "Someone on platform 4 is waving a knife and threatening passengers.", v},
		{"a weapon in public", "Kan jeg ta med kniven i håndbagasjen på toget?", none},
		{"a weapon in public", "Butikken truer med å stenge filialen, påvirker det kundene?", none},
		{"taking part in an offer", "Jeg har ikke lyst til å være med på lojalitetsprogrammet deres lenger, hvordan melder jeg meg ut?", none},
		{"taking part in an offer", "Eg vil ikkje vere med på tilbodet om ny straumavtale, kan de ta meg av lista?", none},
		{"taking part in an offer", "Jeg orker ikke å være med lenger, så dere kan bare stenge alt jeg har.", sh},
	}
	runFamilies(t, tests)
}

// Short names of the categories for the family tables.
const (
	none = los.CategoryNone
	sh   = los.CategorySelfHarm
	v    = los.CategoryViolence
	b    = los.CategoryBereavement
	ill  = los.CategoryIllness
	fin  = los.CategoryFinancialHardship
	fr   = los.CategoryFraudVictim
	d    = los.CategoryDistress
	hr   = los.CategoryHumanRequest
)

// familyCase is one message of a wording family and the category it
// must be given.
type familyCase struct {
	family string
	text   string
	want   los.Category
}

// runFamilies classifies each message alone, in a subtest named by its
// family, and checks its category.
func runFamilies(t *testing.T, tests []familyCase) {
	t.Helper()
	c := newTestClassifier(t)
	for _, tt := range tests {
		t.Run(tt.family, func(t *testing.T) {
			got := c.Classify(context.Background(), tt.text)
			if got.Category != tt.want {
				t.Errorf("Classify(%q) = %s %s %v, want %s", tt.text, got.Category, got.Evidence, got.Signals, tt.want)
			}
		})
	}
}
