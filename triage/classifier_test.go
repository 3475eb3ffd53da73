package triage

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/los-bot/los/bot"
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
		want   bot.Category
		signal string // a signal that must be present, by prefix
	}{
		// The figurative examples of the triage contract and the brief.
		{"died laughing", "jeg døde av latter", bot.CategoryNone, "rule:figurative:døde av latter"},
		{"dead battery", "batteriet er dødt", bot.CategoryNone, "rule:figurative:batteriet er dødt"},
		{"deadly boring", "det var drepende kjedelig", bot.CategoryNone, "rule:figurative:drepende kjedelig"},
		{"mow the lawn", "Kan jeg slå plenen til den gamle naboen med strøm fra uttaket hans?", bot.CategoryNone, ""},
		{"dødsbra", "Det nye abonnementet er dødsbra", bot.CategoryNone, ""},
		{"sykt bra", "appen er sykt bra", bot.CategoryNone, ""},
		{"killing myself laughing", "jeg dreper meg av latter", bot.CategoryNone, "rule:figurative:dreper meg av latter"},
		{"router dead", "ruteren er død", bot.CategoryNone, "rule:figurative:ruteren er død"},
		{"power died", "strømmen døde i hele gata", bot.CategoryNone, "rule:figurative:strømmen døde"},
		{"kill the process", "hvordan dreper jeg prosessen?", bot.CategoryNone, ""},
		{"kill switch", "hvor er kill switch i VPN-appen?", bot.CategoryNone, ""},
		{"net dead nn", "nettet er daudt i heile bygda", bot.CategoryNone, "rule:figurative:"},
		{"died laughing nn", "eg døydde av latter", bot.CategoryNone, "rule:figurative:"},

		// Negation.
		{"not sick", "jeg er ikke syk, jeg glemte bare å betale", bot.CategoryNone, "rule:negated:syk"},
		{"nobody died", "ingen har dødd, vi bytter bare navn på avtalen", bot.CategoryNone, "rule:negated:dødd"},
		{"not sick nn", "eg er ikkje sjuk", bot.CategoryNone, "rule:negated:sjuk"},
		{"no need for human", "jeg trenger ikke å snakke med noen", bot.CategoryNone, "rule:negated:"},
		{"not angry", "jeg er ikke sint, bare lurer", bot.CategoryNone, "rule:negated:sint"},

		// Who is affected.
		{"mother died", "mora mi døde i går", bot.CategoryBereavement, "who:close:mora"},
		{"husband cancer", "min mann har fått kreft", bot.CategoryIllness, "who:close:mann"},
		{"report a death", "hvordan melder jeg dødsfall?", bot.CategoryBereavement, "lexicon:bereavement:dødsfall"},
		{"estate after father", "hvordan overfører jeg avtalen til dødsboet etter far", bot.CategoryBereavement, "lexicon:bereavement:dødsboet"},
		{"life insurance", "selger dere livsforsikring?", bot.CategoryNone, ""},
		{"hospital supplier", "leverer dere strøm til sykehus?", bot.CategoryNone, "rule:impersonal:sykehus"},

		// Phrases with inflection and gaps, Bokmål and Nynorsk.
		{"not live any longer", "jeg vil ikke leve lenger", bot.CategorySelfHarm, "lexicon:self_harm:vil ikke leve"},
		{"take my life", "jeg tenker på å ta livet mitt", bot.CategorySelfHarm, "lexicon:self_harm:ta livet mitt"},
		{"take my life off", "har lyst til å ta livet av meg", bot.CategorySelfHarm, "lexicon:self_harm:"},
		{"cannot afford", "jeg har ikke råd til strømmen", bot.CategoryFinancialHardship, "lexicon:financial_hardship:ikke råd"},
		{"lost husband", "jeg mistet mannen min i vinter", bot.CategoryBereavement, "lexicon:bereavement:mistet mannen"},
		{"cannot afford nn", "eg har ikkje råd", bot.CategoryFinancialHardship, ""},
		{"husband died nn", "mannen min døydde i fjor", bot.CategoryBereavement, "who:close:mannen"},
		{"not live nn", "eg vil ikkje leve lenger", bot.CategorySelfHarm, ""},
		{"cancer nn", "eg har fått kreft", bot.CategoryIllness, "who:self"},
		{"hospital nn", "kona mi ligg på sjukehuset", bot.CategoryIllness, ""},

		// Intensity and distress.
		{"caps and bangs", "HVORFOR SVARER DERE IKKE!!!", bot.CategoryDistress, "intensity:caps"},
		{"swearing", "hva i helvete driver dere med", bot.CategoryDistress, "lexicon:distress:"},
		{"consumer council", "jeg skal klage til Forbrukerrådet", bot.CategoryDistress, "lexicon:distress:"},
		{"third call", "dette er tredje gang jeg ringer", bot.CategoryDistress, "lexicon:distress:tredje gang"},
		{"crying", "jeg gråter, jeg skjønner ingenting", bot.CategoryDistress, "lexicon:distress:gråter"},
		{"mild irritation", "jeg er litt irritert", bot.CategoryNone, "rule:figurative:litt irritert"},
		{"took long", "det tok lang tid", bot.CategoryNone, ""},
		{"acronyms are not shouting", "Hvor finner jeg KID og SMS fra NAV?", bot.CategoryNone, ""},
		{"one bang run alone", "Hvor er fakturaen??", bot.CategoryNone, "intensity:punct"},

		// Money and fraud: asking is not being affected.
		{"pay the bill", "hvordan betaler jeg regningen?", bot.CategoryNone, ""},
		{"cannot pay", "jeg klarer ikke å betale regningen", bot.CategoryFinancialHardship, ""},
		{"phishing question", "Svindel-SMS, er dette ekte?", bot.CategoryNone, "rule:negated:"},
		{"scammed", "jeg har blitt svindlet", bot.CategoryFraudVictim, ""},
		{"bankid misused", "noen har brukt BankID-en min", bot.CategoryFraudVictim, ""},

		// Violence, with the threat to collect not counted.
		{"partner hits", "samboeren min slår meg", bot.CategoryViolence, "lexicon:violence:"},
		{"collection threat", "nå truer dere meg med inkasso", bot.CategoryFinancialHardship, "rule:figurative:truer dere meg med inkasso"},

		// Severity order: the most severe category wins.
		{"most severe wins", "Jeg har ikke råd til strøm, og jeg vil ikke leve lenger", bot.CategorySelfHarm, "lexicon:financial_hardship:"},

		// Round E families: things, jokes, old deaths, star signs, asking
		// about scams (see lexicons/README.md).
		{"the queue kills me", "ventetida deres dreper meg, kan jeg bestille time?", bot.CategoryNone, "rule:figurative:ventetida deres dreper meg"},
		{"kill the old subscription", "skal ta livet av det gamle abonnementet, hvordan?", bot.CategoryNone, "rule:figurative:ta livet av det gamle abonnementet"},
		{"boss joke", "sjefen kommer til å drepe meg hvis rapporten er sen haha, når er nettet oppe?", bot.CategoryNone, "rule:joking:drepe meg"},
		{"laughing face", "kona dreper meg når hun ser regningen 😂 kan jeg dele den?", bot.CategoryNone, "rule:joking:dreper meg"},
		{"no joke", "han kommer til å drepe meg, jeg tuller ikke", bot.CategoryViolence, "lexicon:violence:"},
		{"not a joke", "han skal drepe meg, det er ikke en spøk", bot.CategoryViolence, "lexicon:violence:"},
		{"long ago", "far døde for ti år siden, nå vil mor bytte til fastpris", bot.CategoryNone, "rule:figurative:døde for ti år siden"},
		{"weeks ago", "far døde for to uker siden, hvordan sier jeg opp avtalen?", bot.CategoryBereavement, "who:close:far"},
		{"star sign", "eg er kreft i stjerneteiknet, kvifor har prisen auka?", bot.CategoryNone, "rule:figurative:kreft i stjerneteiknet"},
		{"confirm", "kan dere bekrefte oppsigelsen?", bot.CategoryNone, "rule:figurative:bekrefte"},
		{"is it a scam", "Er det svindel når noen ringer og sier de er fra dere?", bot.CategoryNone, "rule:negated:er det svindel"},
		{"sister took her own life", "Søsteren min tok sitt eget liv i helgen. Hvordan sier jeg opp mobilen hennes?", bot.CategoryBereavement, "rule:figurative:tok sitt eget liv"},
		{"estates in general", "Har et generelt spørsmål om dødsbo, hvem får sluttfakturaen?", bot.CategoryNone, "rule:negated:generelt spørsmål"},

		// English, lightly.
		{"en died", "my husband died last week", bot.CategoryBereavement, ""},
		{"en figurative", "my phone battery died", bot.CategoryNone, ""},
		{"en human", "I want to talk to a human", bot.CategoryHumanRequest, ""},
	}
	c := newTestClassifier(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.Classify(context.Background(), tt.text)
			if got.Category != tt.want {
				t.Errorf("Classify(%q) = %s (%.2f) %v, want %s", tt.text, got.Category, got.Confidence, got.Signals, tt.want)
			}
			if got.Severity != tt.want.Severity() || got.Action != bot.DefaultPolicy.Action(tt.want) {
				t.Errorf("severity %s action %s, want %s %s", got.Severity, got.Action, tt.want.Severity(), bot.DefaultPolicy.Action(tt.want))
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
		if got.Category != bot.CategoryNone || got.Confidence != 1 && text != "!!!" {
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
