package triage

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/los-bot/los"
)

func newTestClassifier(t testing.TB, opts ...Option) *Classifier {
	t.Helper()
	c, err := NewDefault(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		want   los.Category
		signal string // a signal that must be present, by prefix
	}{
		// The figurative examples of the triage contract and the brief.
		{"died laughing", "jeg døde av latter", los.CategoryNone, "rule:figurative:døde av latter"},
		{"dead battery", "batteriet er dødt", los.CategoryNone, "rule:figurative:batteriet er dødt"},
		{"deadly boring", "det var drepende kjedelig", los.CategoryNone, "rule:figurative:drepende kjedelig"},
		{"mow the lawn", "Kan jeg slå plenen til den gamle naboen med strøm fra uttaket hans?", los.CategoryNone, ""},
		{"dødsbra", "Det nye abonnementet er dødsbra", los.CategoryNone, ""},
		{"sykt bra", "appen er sykt bra", los.CategoryNone, ""},
		{"killing myself laughing", "jeg dreper meg av latter", los.CategoryNone, "rule:figurative:dreper meg av latter"},
		{"router dead", "ruteren er død", los.CategoryNone, "rule:figurative:ruteren er død"},
		{"power died", "strømmen døde i hele gata", los.CategoryNone, "rule:figurative:strømmen døde"},
		{"kill the process", "hvordan dreper jeg prosessen?", los.CategoryNone, ""},
		{"kill switch", "hvor er kill switch i VPN-appen?", los.CategoryNone, ""},
		{"net dead nn", "nettet er daudt i heile bygda", los.CategoryNone, "rule:figurative:"},
		{"died laughing nn", "eg døydde av latter", los.CategoryNone, "rule:figurative:"},

		// Negation.
		{"not sick", "jeg er ikke syk, jeg glemte bare å betale", los.CategoryNone, "rule:negated:syk"},
		{"nobody died", "ingen har dødd, vi bytter bare navn på avtalen", los.CategoryNone, "rule:negated:dødd"},
		{"not sick nn", "eg er ikkje sjuk", los.CategoryNone, "rule:negated:sjuk"},
		{"no need for human", "jeg trenger ikke å snakke med noen", los.CategoryNone, "rule:negated:"},
		{"not angry", "jeg er ikke sint, bare lurer", los.CategoryNone, "rule:negated:sint"},

		// Who is affected.
		{"mother died", "mora mi døde i går", los.CategoryBereavement, "who:close:mora"},
		{"husband cancer", "min mann har fått kreft", los.CategoryIllness, "who:close:mann"},
		{"report a death", "hvordan melder jeg dødsfall?", los.CategoryBereavement, "lexicon:bereavement:dødsfall"},
		{"estate after father", "hvordan overfører jeg avtalen til dødsboet etter far", los.CategoryBereavement, "lexicon:bereavement:dødsboet"},
		{"life insurance", "selger dere livsforsikring?", los.CategoryNone, ""},
		{"hospital supplier", "leverer dere strøm til sykehus?", los.CategoryNone, "rule:impersonal:sykehus"},

		// Phrases with inflection and gaps, Bokmål and Nynorsk.
		{"not live any longer", "jeg vil ikke leve lenger", los.CategorySelfHarm, "lexicon:self_harm:vil ikke leve"},
		{"take my life", "jeg tenker på å ta livet mitt", los.CategorySelfHarm, "lexicon:self_harm:ta livet mitt"},
		{"take my life off", "har lyst til å ta livet av meg", los.CategorySelfHarm, "lexicon:self_harm:"},
		{"cannot afford", "jeg har ikke råd til strømmen", los.CategoryFinancialHardship, "lexicon:financial_hardship:ikke råd"},
		{"lost husband", "jeg mistet mannen min i vinter", los.CategoryBereavement, "lexicon:bereavement:mistet mannen"},
		{"cannot afford nn", "eg har ikkje råd", los.CategoryFinancialHardship, ""},
		{"husband died nn", "mannen min døydde i fjor", los.CategoryBereavement, "who:close:mannen"},
		{"not live nn", "eg vil ikkje leve lenger", los.CategorySelfHarm, ""},
		{"cancer nn", "eg har fått kreft", los.CategoryIllness, "who:self"},
		{"hospital nn", "kona mi ligg på sjukehuset", los.CategoryIllness, ""},

		// Intensity and distress.
		{"caps and bangs", "HVORFOR SVARER DERE IKKE!!!", los.CategoryDistress, "intensity:caps"},
		{"swearing", "hva i helvete driver dere med", los.CategoryDistress, "lexicon:distress:"},
		{"consumer council", "jeg skal klage til Forbrukerrådet", los.CategoryDistress, "lexicon:distress:"},
		{"third call", "dette er tredje gang jeg ringer", los.CategoryDistress, "lexicon:distress:tredje gang"},
		{"crying", "jeg gråter, jeg skjønner ingenting", los.CategoryDistress, "lexicon:distress:gråter"},
		{"mild irritation", "jeg er litt irritert", los.CategoryNone, "rule:figurative:litt irritert"},
		{"took long", "det tok lang tid", los.CategoryNone, ""},
		{"acronyms are not shouting", "Hvor finner jeg KID og SMS fra NAV?", los.CategoryNone, ""},
		{"one bang run alone", "Hvor er fakturaen??", los.CategoryNone, "intensity:punct"},

		// Money and fraud: asking is not being affected.
		{"pay the bill", "hvordan betaler jeg regningen?", los.CategoryNone, ""},
		{"cannot pay", "jeg klarer ikke å betale regningen", los.CategoryFinancialHardship, ""},
		{"phishing question", "Svindel-SMS, er dette ekte?", los.CategoryNone, "rule:negated:"},
		{"scammed", "jeg har blitt svindlet", los.CategoryFraudVictim, ""},
		{"bankid misused", "noen har brukt BankID-en min", los.CategoryFraudVictim, ""},

		// Violence, with the threat to collect not counted.
		{"partner hits", "samboeren min slår meg", los.CategoryViolence, "lexicon:violence:"},
		{"collection threat", "nå truer dere meg med inkasso", los.CategoryFinancialHardship, "rule:figurative:truer dere meg med inkasso"},

		// Severity order: the most severe category wins.
		{"most severe wins", "Jeg har ikke råd til strøm, og jeg vil ikke leve lenger", los.CategorySelfHarm, "lexicon:financial_hardship:"},

		// Round E families: things, jokes, old deaths, star signs, asking
		// about scams (see lexicons/README.md).
		{"the queue kills me", "ventetida deres dreper meg, kan jeg bestille time?", los.CategoryNone, "rule:figurative:ventetida deres dreper meg"},
		{"kill the old subscription", "skal ta livet av det gamle abonnementet, hvordan?", los.CategoryNone, "rule:figurative:ta livet av det gamle abonnementet"},
		{"boss joke", "sjefen kommer til å drepe meg hvis rapporten er sen haha, når er nettet oppe?", los.CategoryNone, "rule:joking:drepe meg"},
		{"laughing face", "kona dreper meg når hun ser regningen 😂 kan jeg dele den?", los.CategoryNone, "rule:joking:dreper meg"},
		{"no joke", "han kommer til å drepe meg, jeg tuller ikke", los.CategoryViolence, "lexicon:violence:"},
		{"not a joke", "han skal drepe meg, det er ikke en spøk", los.CategoryViolence, "lexicon:violence:"},
		{"long ago", "far døde for ti år siden, nå vil mor bytte til fastpris", los.CategoryNone, "rule:figurative:døde for ti år siden"},
		{"weeks ago", "far døde for to uker siden, hvordan sier jeg opp avtalen?", los.CategoryBereavement, "who:close:far"},
		{"star sign", "eg er kreft i stjerneteiknet, kvifor har prisen auka?", los.CategoryNone, "rule:figurative:kreft i stjerneteiknet"},
		{"confirm", "kan dere bekrefte oppsigelsen?", los.CategoryNone, "rule:figurative:bekrefte"},
		{"is it a scam", "Er det svindel når noen ringer og sier de er fra dere?", los.CategoryNone, "rule:negated:er det svindel"},
		{"sister took her own life", "Søsteren min tok sitt eget liv i helgen. Hvordan sier jeg opp mobilen hennes?", los.CategoryBereavement, "rule:figurative:tok sitt eget liv"},
		{"estates in general", "Har et generelt spørsmål om dødsbo, hvem får sluttfakturaen?", los.CategoryNone, "rule:negated:generelt spørsmål"},

		// English, lightly.
		{"en died", "my husband died last week", los.CategoryBereavement, ""},
		{"en figurative", "my phone battery died", los.CategoryNone, ""},
		{"en human", "I want to talk to a human", los.CategoryHumanRequest, ""},
	}
	c := newTestClassifier(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.Classify(context.Background(), tt.text)
			if got.Category != tt.want {
				t.Errorf("Classify(%q) = %s (%.2f) %v, want %s", tt.text, got.Category, got.Confidence, got.Signals, tt.want)
			}
			if got.Severity != tt.want.Severity() || got.Action != los.DefaultPolicy.Action(tt.want) {
				t.Errorf("severity %s action %s, want %s %s", got.Severity, got.Action, tt.want.Severity(), los.DefaultPolicy.Action(tt.want))
			}
			if tt.signal != "" && !slices.ContainsFunc(got.Signals, func(s string) bool { return strings.HasPrefix(s, tt.signal) }) {
				t.Errorf("signals %v, want one starting with %q", got.Signals, tt.signal)
			}
			if got.Confidence < 0 || got.Confidence > 1 {
				t.Errorf("confidence %v out of [0, 1]", got.Confidence)
			}
		})
	}
}

func TestClassifyEmpty(t *testing.T) {
	c := newTestClassifier(t)
	for _, text := range []string{"", "   ", "!!!", "12345"} {
		got := c.Classify(context.Background(), text)
		if got.Category != los.CategoryNone || got.Confidence != 1 && text != "!!!" {
			t.Errorf("Classify(%q) = %+v, want none", text, got)
		}
	}
}

func TestClassifyConcurrent(t *testing.T) {
	c := newTestClassifier(t)
	want := c.Classify(context.Background(), "mora mi døde i går")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				got := c.Classify(context.Background(), "mora mi døde i går")
				if got.Category != want.Category || !slices.Equal(got.Signals, want.Signals) {
					t.Errorf("concurrent Classify = %+v, want %+v", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

func BenchmarkClassify(b *testing.B) {
	benchmarkClassify(b, newTestClassifier(b))
}

// BenchmarkClassifyRules is the rules alone, to show what the learned
// layer costs.
func BenchmarkClassifyRules(b *testing.B) {
	benchmarkClassify(b, newTestClassifier(b, WithModel(nil)))
}

func benchmarkClassify(b *testing.B, c *Classifier) {
	msgs := []string{
		"Hvordan betaler jeg regningen med Vipps?",
		"Mannen min døde forrige uke, og strømavtalen står i hans navn",
		"DETTE ER TREDJE GANGEN JEG RINGER OG INGEN HJELPER MEG!!!",
		"Eg har ikkje råd til å betale rekninga denne månaden, kva skjer no?",
		"Jeg skriver på vegne av min mor som er 92 år og ikke bruker internett, hun har fått en faktura hun ikke forstår og vi lurer på om dere kan sende den på papir i stedet.",
	}
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.Classify(ctx, msgs[i%len(msgs)])
	}
}

// BenchmarkClassifyIn reads the messages in a conversation about a fibre
// installation: the earlier message is analysed again each time.
func BenchmarkClassifyIn(b *testing.B) {
	c := newTestClassifier(b)
	conv := Conversation{Earlier: []string{"Hei! Når kommer montøren for å installere fiber hos meg?"}}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		c.ClassifyIn(ctx, "Han vet hvor jeg bor, men finner han fram?", conv)
	}
}
