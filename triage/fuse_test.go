package triage

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/los-bot/los/bot"
)

// probsFor builds model probabilities over bot.Categories: the named
// categories get their values, none gets the rest.
func probsFor(m map[bot.Category]float64) []float64 {
	p := make([]float64, len(bot.Categories))
	rest := 1.0
	for c, v := range m {
		p[catIndex[c]] = v
		rest -= v
	}
	p[catIndex[bot.CategoryNone]] += rest
	return p
}

func TestThresholdsDecide(t *testing.T) {
	th := Thresholds{Critical: 0.3, High: 0.35, Medium: 0.5, Lower: 0.8, Below: 0.8, NoneRatio: 0.7, Offer: 0.6}
	tests := []struct {
		name   string
		rules  bot.Category
		conf   float64
		vetoed bot.Category
		p      map[bot.Category]float64
		want   bot.Category
	}{
		{"raise none to self_harm", bot.CategoryNone, 1, "", map[bot.Category]float64{bot.CategorySelfHarm: 0.31, bot.CategoryDistress: 0.3}, bot.CategorySelfHarm},
		{"under the critical threshold", bot.CategoryNone, 1, "", map[bot.Category]float64{bot.CategorySelfHarm: 0.29, bot.CategoryDistress: 0.3}, bot.CategoryNone},
		{"raise none to illness", bot.CategoryNone, 1, "", map[bot.Category]float64{bot.CategoryIllness: 0.4}, bot.CategoryIllness},
		{"medium needs more", bot.CategoryNone, 1, "", map[bot.Category]float64{bot.CategoryDistress: 0.45}, bot.CategoryNone},
		{"critical before a likelier high one", bot.CategoryNone, 1, "", map[bot.Category]float64{bot.CategoryViolence: 0.32, bot.CategoryFraudVictim: 0.6}, bot.CategoryViolence},
		{"raise distress to violence", bot.CategoryDistress, 0.9, "", map[bot.Category]float64{bot.CategoryViolence: 0.5, bot.CategoryDistress: 0.2}, bot.CategoryViolence},
		{"the model must prefer the raise over the rules' category", bot.CategoryBereavement, 0.98, "", map[bot.Category]float64{bot.CategoryViolence: 0.35, bot.CategoryBereavement: 0.45}, bot.CategoryBereavement},
		{"no sideways change", bot.CategoryIllness, 0.6, "", map[bot.Category]float64{bot.CategoryFinancialHardship: 0.9}, bot.CategoryIllness},
		{"short: not raised", bot.CategoryNone, 1, "", map[bot.Category]float64{bot.CategorySelfHarm: 0.9}, bot.CategoryNone},
		{"short: may be lowered", bot.CategoryDistress, 0.6, "", map[bot.Category]float64{}, bot.CategoryNone},
		{"figurative veto", bot.CategoryNone, 1, bot.CategoryBereavement, map[bot.Category]float64{bot.CategoryBereavement: 0.95}, bot.CategoryNone},
		{"lower an unsure distress", bot.CategoryDistress, 0.6, "", map[bot.Category]float64{}, bot.CategoryNone},
		{"keep a sure distress", bot.CategoryDistress, 0.85, "", map[bot.Category]float64{}, bot.CategoryDistress},
		{"keep when none is not likely enough", bot.CategoryFraudVictim, 0.6, "", map[bot.Category]float64{bot.CategoryFraudVictim: 0.25}, bot.CategoryFraudVictim},
		{"never lower self_harm", bot.CategorySelfHarm, 0.5, "", map[bot.Category]float64{}, bot.CategorySelfHarm},
		{"never lower violence", bot.CategoryViolence, 0.5, "", map[bot.Category]float64{}, bot.CategoryViolence},
		{"never turn violence into self_harm", bot.CategoryViolence, 0.5, "", map[bot.Category]float64{bot.CategorySelfHarm: 0.99}, bot.CategoryViolence},
		{"ratio: critical as likely as none", bot.CategoryNone, 1, "", map[bot.Category]float64{bot.CategorySelfHarm: 0.4, bot.CategoryDistress: 0.1}, bot.CategorySelfHarm},
		{"ratio: the model leans to none", bot.CategoryNone, 1, "", map[bot.Category]float64{bot.CategoryViolence: 0.32}, bot.CategoryNone},
		{"uncued: never critical on the model's word alone", bot.CategoryNone, 1, "", map[bot.Category]float64{bot.CategorySelfHarm: 0.55, bot.CategoryDistress: 0.05}, bot.CategoryNone},
		{"uncued: an offer of a human instead", bot.CategoryNone, 1, "", map[bot.Category]float64{bot.CategorySelfHarm: 0.9, bot.CategoryDistress: 0.05}, bot.CategoryDistress},
		{"uncued: no offer over a figurative veto", bot.CategoryNone, 1, bot.CategorySelfHarm, map[bot.Category]float64{bot.CategorySelfHarm: 0.9, bot.CategoryDistress: 0.05}, bot.CategoryNone},
		{"uncued: a non-critical category instead", bot.CategoryNone, 1, "", map[bot.Category]float64{bot.CategorySelfHarm: 0.5, bot.CategoryBereavement: 0.4}, bot.CategoryBereavement},
		{"uncued: over a non-critical category neither", bot.CategoryDistress, 0.9, "", map[bot.Category]float64{bot.CategorySelfHarm: 0.9, bot.CategoryDistress: 0.05}, bot.CategoryDistress},
		{"nobody: a message about no one is not raised", bot.CategoryNone, 1, "", map[bot.Category]float64{bot.CategoryIllness: 0.8}, bot.CategoryNone},
		{"clear: a clear decision is never lowered", bot.CategoryDistress, 0.6, "", map[bot.Category]float64{}, bot.CategoryDistress},
		{"clear: but may be raised", bot.CategoryDistress, 0.6, "", map[bot.Category]float64{bot.CategoryViolence: 0.5, bot.CategoryDistress: 0.1}, bot.CategoryViolence},
		{"ratio: only from none", bot.CategoryDistress, 0.9, "", map[bot.Category]float64{bot.CategoryViolence: 0.32, bot.CategoryDistress: 0.1}, bot.CategoryViolence},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vetoed := make([]bool, numCats)
			if tt.vetoed != "" {
				vetoed[catIndex[tt.vetoed]] = true
			}
			words := 10
			cued := !strings.HasPrefix(tt.name, "uncued")
			if strings.HasPrefix(tt.name, "short") {
				words = minWords - 1
			}
			clear := strings.HasPrefix(tt.name, "clear")
			about := !strings.HasPrefix(tt.name, "nobody")
			got, conf, changed := th.decide(bot.Categories, ruling{cat: tt.rules, conf: tt.conf, vetoed: vetoed, words: words, cued: cued, clear: clear, about: about}, probsFor(tt.p))
			if got != tt.want {
				t.Errorf("decide(%s %.2f, %v) = %s, want %s", tt.rules, tt.conf, tt.p, got, tt.want)
			}
			if changed != (got != tt.rules) || conf < 0 || conf > 1 {
				t.Errorf("changed %v confidence %v for %s -> %s", changed, conf, tt.rules, got)
			}
		})
	}
}

// TestThresholdsCueAny: with Thresholds.Cue "any", a weak self_harm or
// violence word naming nobody close counts as a cue; by default it does not.
func TestThresholdsCueAny(t *testing.T) {
	vetoed := make([]bool, numCats)
	p := probsFor(map[bot.Category]float64{bot.CategorySelfHarm: 0.9, bot.CategoryDistress: 0.05})
	ru := ruling{cat: bot.CategoryNone, conf: 1, vetoed: vetoed, words: 10, anyCue: true, about: true}
	for _, tt := range []struct {
		cue  string
		want bot.Category
	}{{"", bot.CategoryDistress}, {CueAny, bot.CategorySelfHarm}} {
		th := Thresholds{Critical: 0.3, High: 0.35, Medium: 0.5, Lower: 0.8, Below: 0.8, Offer: 0.6, Cue: tt.cue}
		if got, _, _ := th.decide(bot.Categories, ru, p); got != tt.want {
			t.Errorf("cue %q: decide = %s, want %s", tt.cue, got, tt.want)
		}
	}
	ru.about = false
	th := Thresholds{Critical: 0.3, Offer: 0.6, Cue: CueAny}
	if got, _, _ := th.decide(bot.Categories, ru, p); got != bot.CategoryNone {
		t.Errorf("cue any, about nobody: decide = %s, want none", got)
	}
}

// TestFusion runs the built-in model on messages written for this test
// (not taken from any labelled set): clearly sensitive ones in words the
// lexicons lack, which the model raises with a "learned:" signal, and hard
// negatives that it must leave alone.
func TestFusion(t *testing.T) {
	lex, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if lex.Model() == nil {
		t.Fatal("the built-in lexicons carry no model")
	}
	fused, rules := New(lex), New(lex, WithModel(nil))
	tests := []struct {
		name string
		text string
		want bot.Category
	}{
		{"not seeing Christmas", "Jeg tror ikke jeg ser neste jul, så kan dere stenge abonnementet mitt fra nyttår? Livet har blitt for tungt.", bot.CategorySelfHarm},
		// A date-bound absence is figurative for self_harm: the model may
		// not raise over the veto.
		{"not here at Christmas", "Jeg har bestemt meg for at jeg ikke skal være her til jul. Kan dere avslutte abonnementet mitt fra neste uke?", bot.CategoryNone},
		{"away for good", "Det er ingen vits å fikse noe mer, jeg skal snart bort for godt.", bot.CategorySelfHarm},
		{"knife threat", "Naboen har sagt at han skal knivstikke meg hvis jeg klager igjen på støyen fra ruteren hans.", bot.CategoryViolence},
		{"no salary", "Lønna kom ikke denne måneden og det er tomt på kortet. Kan jeg vente med regningen?", bot.CategoryFinancialHardship},

		{"died laughing", "jeg døde av latter", bot.CategoryNone},
		{"dead battery", "batteriet er dødt", bot.CategoryNone},
		{"dead battery again", "Batteriet er dødt igjen på mobilen, kan jeg få ny?", bot.CategoryNone},
		{"update kills the battery", "Denne oppdateringen dreper batteriet mitt", bot.CategoryNone},
		{"killing me with the queue", "Vil du drepe meg med ventetid? Haha, hvordan bytter jeg pakke?", bot.CategoryNone},
		{"no human needed", "Jeg trenger ikke å snakke med noen", bot.CategoryNone},
		{"notifications", "Hvordan skrur jeg av varsler i appen?", bot.CategoryNone},
		{"greeting", "Hei, dette er Kari.", bot.CategoryNone},
		{"critical stays", "Jeg vil ikke leve lenger", bot.CategorySelfHarm},
	}
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fused.Classify(ctx, tt.text)
			alone := rules.Classify(ctx, tt.text)
			if got.Category != tt.want {
				t.Errorf("Classify(%q) = %s %v, want %s", tt.text, got.Category, got.Signals, tt.want)
			}
			learned := slices.ContainsFunc(got.Signals, func(s string) bool { return strings.HasPrefix(s, "learned:") })
			if learned != (got.Category != alone.Category) {
				t.Errorf("rules alone %s, fused %s with signals %v: a change needs a learned: signal and vice versa", alone.Category, got.Category, got.Signals)
			}
			if alone.Severity == bot.SeverityCritical && got.Category != alone.Category {
				t.Errorf("the model changed a critical rules decision %s to %s", alone.Category, got.Category)
			}
			if !slices.Equal(got.Signals[:len(alone.Signals)], alone.Signals) {
				t.Errorf("signals %v do not start with the rules' %v", got.Signals, alone.Signals)
			}
		})
	}
}

// TestFusionNeverLowersCritical classifies every labelled message the
// rules call critical, with and without the model.
func TestFusionNeverLowersCritical(t *testing.T) {
	lex, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	fused, rules := New(lex), New(lex, WithModel(nil))
	ctx := context.Background()
	n := 0
	for _, name := range TrainingSets {
		for _, ex := range readTestSet(t, name) {
			alone := rules.Classify(ctx, ex.Text)
			if alone.Severity != bot.SeverityCritical {
				continue
			}
			n++
			if got := fused.Classify(ctx, ex.Text); got.Category != alone.Category {
				t.Errorf("%s line %d: rules %s, fused %s", name, ex.Line, alone.Category, got.Category)
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d critical decisions checked", n)
	}
}

// TestVetoes checks which categories the rules bar the model from: killing
// words found figurative or joking bar both critical categories.
func TestVetoes(t *testing.T) {
	lex, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text string
		want       []bot.Category
	}{
		{"figurative violence", "ventetida deres dreper meg, 40 minutter i kø", []bot.Category{bot.CategorySelfHarm, bot.CategoryViolence}},
		{"figurative self_harm", "skal ta livet av det gamle abonnementet mitt", []bot.Category{bot.CategorySelfHarm, bot.CategoryViolence}},
		{"joking", "sjefen dreper meg hvis jeg glemmer rapporten haha", []bot.Category{bot.CategorySelfHarm, bot.CategoryViolence}},
		{"negated fraud", "Er det svindel når noen ringer og sier de er fra dere?", []bot.Category{bot.CategoryFraudVictim}},
		{"nothing", "Hvordan bytter jeg til fastpris på strøm?", nil},
		{"a real threat", "han sier han skal drepe meg og jeg er redd", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := lex.assess(analyse(tt.text))
			var got []bot.Category
			for i, v := range a.vetoed {
				if v {
					got = append(got, bot.Categories[i])
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("vetoed %v, want %v (signals %v)", got, tt.want, a.signals)
			}
		})
	}
}
