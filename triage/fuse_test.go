package triage

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/los-bot/los"
)

// probsFor builds model probabilities over los.Categories: the named
// categories get their values, none gets the rest.
func probsFor(m map[los.Category]float64) []float64 {
	p := make([]float64, len(los.Categories))
	rest := 1.0
	for c, v := range m {
		p[catIndex[c]] = v
		rest -= v
	}
	p[catIndex[los.CategoryNone]] += rest
	return p
}

func TestThresholdsDecide(t *testing.T) {
	th := Thresholds{Critical: 0.3, High: 0.35, Medium: 0.5, Lower: 0.8, Below: 0.8, NoneRatio: 0.7, Offer: 0.6}
	tests := []struct {
		name   string
		rules  los.Category
		conf   float64
		vetoed los.Category
		p      map[los.Category]float64
		want   los.Category
	}{
		{"raise none to self_harm", los.CategoryNone, 1, "", map[los.Category]float64{los.CategorySelfHarm: 0.31, los.CategoryDistress: 0.3}, los.CategorySelfHarm},
		{"under the critical threshold", los.CategoryNone, 1, "", map[los.Category]float64{los.CategorySelfHarm: 0.29, los.CategoryDistress: 0.3}, los.CategoryNone},
		{"raise none to illness", los.CategoryNone, 1, "", map[los.Category]float64{los.CategoryIllness: 0.4}, los.CategoryIllness},
		{"medium needs more", los.CategoryNone, 1, "", map[los.Category]float64{los.CategoryDistress: 0.45}, los.CategoryNone},
		{"critical before a likelier high one", los.CategoryNone, 1, "", map[los.Category]float64{los.CategoryViolence: 0.32, los.CategoryFraudVictim: 0.6}, los.CategoryViolence},
		{"raise distress to violence", los.CategoryDistress, 0.9, "", map[los.Category]float64{los.CategoryViolence: 0.5, los.CategoryDistress: 0.2}, los.CategoryViolence},
		{"the model must prefer the raise over the rules' category", los.CategoryBereavement, 0.98, "", map[los.Category]float64{los.CategoryViolence: 0.35, los.CategoryBereavement: 0.45}, los.CategoryBereavement},
		{"no sideways change", los.CategoryIllness, 0.6, "", map[los.Category]float64{los.CategoryFinancialHardship: 0.9}, los.CategoryIllness},
		{"short: not raised", los.CategoryNone, 1, "", map[los.Category]float64{los.CategorySelfHarm: 0.9}, los.CategoryNone},
		{"short: may be lowered", los.CategoryDistress, 0.6, "", map[los.Category]float64{}, los.CategoryNone},
		{"figurative veto", los.CategoryNone, 1, los.CategoryBereavement, map[los.Category]float64{los.CategoryBereavement: 0.95}, los.CategoryNone},
		{"lower an unsure distress", los.CategoryDistress, 0.6, "", map[los.Category]float64{}, los.CategoryNone},
		{"keep a sure distress", los.CategoryDistress, 0.85, "", map[los.Category]float64{}, los.CategoryDistress},
		{"keep when none is not likely enough", los.CategoryFraudVictim, 0.6, "", map[los.Category]float64{los.CategoryFraudVictim: 0.25}, los.CategoryFraudVictim},
		{"never lower self_harm", los.CategorySelfHarm, 0.5, "", map[los.Category]float64{}, los.CategorySelfHarm},
		{"never lower violence", los.CategoryViolence, 0.5, "", map[los.Category]float64{}, los.CategoryViolence},
		{"never turn violence into self_harm", los.CategoryViolence, 0.5, "", map[los.Category]float64{los.CategorySelfHarm: 0.99}, los.CategoryViolence},
		{"ratio: critical as likely as none", los.CategoryNone, 1, "", map[los.Category]float64{los.CategorySelfHarm: 0.4, los.CategoryDistress: 0.1}, los.CategorySelfHarm},
		{"ratio: the model leans to none", los.CategoryNone, 1, "", map[los.Category]float64{los.CategoryViolence: 0.32}, los.CategoryNone},
		{"uncued: never critical on the model's word alone", los.CategoryNone, 1, "", map[los.Category]float64{los.CategorySelfHarm: 0.55, los.CategoryDistress: 0.05}, los.CategoryNone},
		{"uncued: over Offer the category stays (on weak evidence: a check-in)", los.CategoryNone, 1, "", map[los.Category]float64{los.CategorySelfHarm: 0.9, los.CategoryDistress: 0.05}, los.CategorySelfHarm},
		{"uncued: the likelier critical category", los.CategoryNone, 1, "", map[los.Category]float64{los.CategorySelfHarm: 0.3, los.CategoryViolence: 0.65}, los.CategoryViolence},
		{"uncued: no offer over a figurative veto", los.CategoryNone, 1, los.CategorySelfHarm, map[los.Category]float64{los.CategorySelfHarm: 0.9, los.CategoryDistress: 0.05}, los.CategoryNone},
		{"uncued: a non-critical category instead", los.CategoryNone, 1, "", map[los.Category]float64{los.CategorySelfHarm: 0.5, los.CategoryBereavement: 0.4}, los.CategoryBereavement},
		{"uncued: over a non-critical category neither", los.CategoryDistress, 0.9, "", map[los.Category]float64{los.CategorySelfHarm: 0.9, los.CategoryDistress: 0.05}, los.CategoryDistress},
		{"nobody: a message about no one is not raised", los.CategoryNone, 1, "", map[los.Category]float64{los.CategoryIllness: 0.8}, los.CategoryNone},
		{"clear: a clear decision is never lowered", los.CategoryDistress, 0.6, "", map[los.Category]float64{}, los.CategoryDistress},
		{"clear: but may be raised", los.CategoryDistress, 0.6, "", map[los.Category]float64{los.CategoryViolence: 0.5, los.CategoryDistress: 0.1}, los.CategoryViolence},
		{"ratio: only from none", los.CategoryDistress, 0.9, "", map[los.Category]float64{los.CategoryViolence: 0.32, los.CategoryDistress: 0.1}, los.CategoryViolence},
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
			got, conf, changed := th.decide(los.Categories, ruling{cat: tt.rules, conf: tt.conf, vetoed: vetoed, words: words, cued: cued, clear: clear, about: about}, probsFor(tt.p))
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
	// Between Critical and Offer: only a cue lets the model raise.
	p := probsFor(map[los.Category]float64{los.CategorySelfHarm: 0.5, los.CategoryDistress: 0.05})
	ru := ruling{cat: los.CategoryNone, conf: 1, vetoed: vetoed, words: 10, anyCue: true, about: true}
	for _, tt := range []struct {
		cue  string
		want los.Category
	}{{"", los.CategoryNone}, {CueAny, los.CategorySelfHarm}} {
		th := Thresholds{Critical: 0.3, High: 0.35, Medium: 0.5, Lower: 0.8, Below: 0.8, Offer: 0.6, Cue: tt.cue}
		if got, _, _ := th.decide(los.Categories, ru, p); got != tt.want {
			t.Errorf("cue %q: decide = %s, want %s", tt.cue, got, tt.want)
		}
	}
	ru.about = false
	th := Thresholds{Critical: 0.3, Offer: 0.6, Cue: CueAny}
	if got, _, _ := th.decide(los.Categories, ru, p); got != los.CategoryNone {
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
		want los.Category
	}{
		{"not seeing Christmas", "Jeg tror ikke jeg ser neste jul, så kan dere stenge abonnementet mitt fra nyttår? Livet har blitt for tungt.", los.CategorySelfHarm},
		// A date-bound absence is figurative for self_harm: the model may
		// not raise over the veto.
		{"not here at Christmas", "Jeg har bestemt meg for at jeg ikke skal være her til jul. Kan dere avslutte abonnementet mitt fra neste uke?", los.CategoryNone},
		{"away for good", "Det er ingen vits å fikse noe mer, jeg skal snart bort for godt.", los.CategorySelfHarm},
		{"knife threat", "Naboen har sagt at han skal knivstikke meg hvis jeg klager igjen på støyen fra ruteren hans.", los.CategoryViolence},
		{"no salary", "Lønna kom ikke denne måneden og det er tomt på kortet. Kan jeg vente med regningen?", los.CategoryFinancialHardship},

		{"died laughing", "jeg døde av latter", los.CategoryNone},
		{"dead battery", "batteriet er dødt", los.CategoryNone},
		{"dead battery again", "Batteriet er dødt igjen på mobilen, kan jeg få ny?", los.CategoryNone},
		{"update kills the battery", "Denne oppdateringen dreper batteriet mitt", los.CategoryNone},
		{"killing me with the queue", "Vil du drepe meg med ventetid? Haha, hvordan bytter jeg pakke?", los.CategoryNone},
		{"no human needed", "Jeg trenger ikke å snakke med noen", los.CategoryNone},
		{"notifications", "Hvordan skrur jeg av varsler i appen?", los.CategoryNone},
		{"greeting", "Hei, dette er Kari.", los.CategoryNone},
		{"critical stays", "Jeg vil ikke leve lenger", los.CategorySelfHarm},
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
			if alone.Severity == los.SeverityCritical && got.Category != alone.Category {
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
			if alone.Severity != los.SeverityCritical {
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
		want       []los.Category
	}{
		{"figurative violence", "ventetida deres dreper meg, 40 minutter i kø", []los.Category{los.CategorySelfHarm, los.CategoryViolence}},
		{"figurative self_harm", "skal ta livet av det gamle abonnementet mitt", []los.Category{los.CategorySelfHarm, los.CategoryViolence}},
		{"joking", "sjefen dreper meg hvis jeg glemmer rapporten haha", []los.Category{los.CategorySelfHarm, los.CategoryViolence}},
		{"negated fraud", "Er det svindel når noen ringer og sier de er fra dere?", []los.Category{los.CategoryFraudVictim}},
		{"nothing", "Hvordan bytter jeg til fastpris på strøm?", nil},
		{"a real threat", "han sier han skal drepe meg og jeg er redd", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := lex.assess(analyse(tt.text))
			var got []los.Category
			for i, v := range a.vetoed {
				if v {
					got = append(got, los.Categories[i])
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("vetoed %v, want %v (signals %v)", got, tt.want, a.signals)
			}
		})
	}
}

// TestFuseUncuedIsWeak: a critical category the model found over
// Thresholds.Offer without a cue of the rules rests on weak evidence, so
// the customer gets a check-in (the question answered, a warm line, a
// human offered), never the crisis numbers; with a cue tied to a person
// and clear rules evidence, the crisis response stands.
func TestFuseUncuedIsWeak(t *testing.T) {
	m := &Model{classes: los.Categories, thresholds: Thresholds{Critical: 0.2, High: 0.35, Medium: 0.35, Offer: 0.4}}
	newA := func(cat los.Category, ev los.Evidence) *assessment {
		return &assessment{score: make([]float64, numCats), cue: make([]bool, numCats), bound: make([]bool, numCats),
			clear: make([]bool, numCats), vetoed: make([]bool, numCats), about: true, category: cat, conf: 1, evidence: ev}
	}
	p := probsFor(map[los.Category]float64{los.CategorySelfHarm: 0.6})
	a := newA(los.CategoryNone, los.EvidenceNone)
	m.fuse(a, 10, p)
	if a.category != los.CategorySelfHarm || a.evidence != los.EvidenceWeak {
		t.Fatalf("uncued: %s on %s evidence, want self_harm on weak", a.category, a.evidence)
	}
	if act, resp := los.DefaultPolicy.Respond(a.category, a.evidence); resp != los.ResponseCheckIn || act != los.ActionOfferHandoff {
		t.Errorf("uncued self_harm: %s/%s, want offer_handoff/check_in", act, resp)
	}
	p = probsFor(map[los.Category]float64{los.CategorySelfHarm: 0.3})
	a = newA(los.CategoryNone, los.EvidenceNone)
	m.fuse(a, 10, p)
	if a.category != los.CategoryNone {
		t.Errorf("uncued under Offer: %s, want none", a.category)
	}
	a = newA(los.CategoryDistress, los.EvidenceClear)
	a.bound[catIndex[los.CategorySelfHarm]] = true
	m.fuse(a, 10, probsFor(map[los.Category]float64{los.CategorySelfHarm: 0.6}))
	if _, resp := los.DefaultPolicy.Respond(a.category, a.evidence); a.category != los.CategorySelfHarm || resp != los.ResponseCrisis {
		t.Errorf("cued over clear distress: %s/%s, want self_harm/crisis", a.category, resp)
	}
}
