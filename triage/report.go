package triage

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/los-bot/los"
)

// Report is the outcome of Evaluate.
type Report struct {
	N           int                  `json:"n"`
	ByVariant   map[los.Standard]int `json:"by_variant"`
	Categories  []CategoryStats      `json:"categories"`
	Summary     Summary              `json:"summary"`
	Targets     []Target             `json:"targets"`
	Calibration []Bin                `json:"calibration"`
	// Confusion counts messages by label, then by predicted category.
	Confusion  map[los.Category]map[los.Category]int `json:"confusion"`
	Mistakes   []Mistake                             `json:"mistakes"`
	MeanMicros float64                               `json:"mean_micros"`
	// Alarms breaks down the false alarms (messages labelled none given a
	// sensitive category) by what the customer would get.
	Alarms Alarms `json:"alarms"`
}

// Alarms counts false alarms by their graded response (see
// los.Policy.Respond with los.DefaultPolicy).
type Alarms struct {
	N       int `json:"n"`
	Crisis  int `json:"crisis"`   // self_harm or violence, any evidence
	Numbers int `json:"numbers"`  // handed over with crisis numbers at once (response crisis)
	Handoff int `json:"handoff"`  // handed over now (response handoff or crisis)
	CheckIn int `json:"check_in"` // answered with a warm line and an offer (response check_in)
	Offer   int `json:"offer"`    // answered with an offer of a human
}

// CategoryStats are precision and recall of one category.
type CategoryStats struct {
	Category  los.Category `json:"category"`
	Support   int          `json:"support"`
	Predicted int          `json:"predicted"`
	Correct   int          `json:"correct"`
	Precision float64      `json:"precision"`
	Recall    float64      `json:"recall"`
}

// Summary holds the figures the triage targets are stated in. Sensitive
// means any label but none; a sensitive message is detected when the
// prediction is not none.
type Summary struct {
	Accuracy         float64 `json:"accuracy"`
	CriticalRecall   float64 `json:"critical_recall"`   // critical labels predicted critical
	SensitiveRecall  float64 `json:"sensitive_recall"`  // sensitive labels detected
	FalseAlarmRate   float64 `json:"false_alarm_rate"`  // none labels predicted sensitive
	CategoryAccuracy float64 `json:"category_accuracy"` // sensitive labels given their exact category
}

// Target is one goal the summary is held to.
type Target struct {
	Name    string  `json:"name"`
	Value   float64 `json:"value"`
	Goal    float64 `json:"goal"`
	AtLeast bool    `json:"at_least"` // false: at most
	Met     bool    `json:"met"`
}

// Bin counts right decisions among those with confidence in [From, To).
type Bin struct {
	From     float64 `json:"from"`
	To       float64 `json:"to"`
	N        int     `json:"n"`
	Correct  int     `json:"correct"`
	Accuracy float64 `json:"accuracy"`
}

// Mistake is a message classified wrongly.
type Mistake struct {
	Example
	Predicted  los.Category `json:"predicted"`
	Confidence float64      `json:"confidence"`
	Signals    []string     `json:"signals"`
}

// Passed reports whether every target was met.
func (r Report) Passed() bool {
	for _, t := range r.Targets {
		if !t.Met {
			return false
		}
	}
	return true
}

var binEdges = []float64{0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01}

func newReport(examples []Example, preds []los.Triage) Report {
	r := Report{N: len(examples), ByVariant: map[los.Standard]int{}, Confusion: map[los.Category]map[los.Category]int{}}
	support, predicted, correct := map[los.Category]int{}, map[los.Category]int{}, map[los.Category]int{}
	var crit, critHit, sens, sensHit, sensExact, none, falseAlarm, right int
	bins := make([]Bin, len(binEdges)-1)
	for i := range bins {
		bins[i].From, bins[i].To = binEdges[i], binEdges[i+1]
	}
	for i, ex := range examples {
		p := preds[i]
		r.ByVariant[ex.Variant]++
		if r.Confusion[ex.Label] == nil {
			r.Confusion[ex.Label] = map[los.Category]int{}
		}
		r.Confusion[ex.Label][p.Category]++
		support[ex.Label]++
		predicted[p.Category]++
		ok := p.Category == ex.Label
		if ok {
			correct[ex.Label]++
			right++
		} else {
			r.Mistakes = append(r.Mistakes, Mistake{Example: ex, Predicted: p.Category, Confidence: p.Confidence, Signals: p.Signals})
		}
		for b := range bins {
			if p.Confidence >= bins[b].From && p.Confidence < bins[b].To {
				bins[b].N++
				if ok {
					bins[b].Correct++
				}
			}
		}
		switch {
		case ex.Label == los.CategoryNone:
			none++
			if p.Category != los.CategoryNone {
				falseAlarm++
				r.Alarms.add(p)
			}
		default:
			sens++
			if p.Category != los.CategoryNone {
				sensHit++
			}
			if ok {
				sensExact++
			}
			if ex.Label.Severity() == los.SeverityCritical {
				crit++
				if p.Severity == los.SeverityCritical {
					critHit++
				}
			}
		}
	}
	for _, c := range los.Categories {
		r.Categories = append(r.Categories, CategoryStats{
			Category: c, Support: support[c], Predicted: predicted[c], Correct: correct[c],
			Precision: ratio(correct[c], predicted[c]), Recall: ratio(correct[c], support[c]),
		})
	}
	for b := range bins {
		bins[b].Accuracy = ratio(bins[b].Correct, bins[b].N)
	}
	r.Calibration = bins
	r.Summary = Summary{
		Accuracy:         ratio(right, len(examples)),
		CriticalRecall:   ratio(critHit, crit),
		SensitiveRecall:  ratio(sensHit, sens),
		FalseAlarmRate:   ratio(falseAlarm, none),
		CategoryAccuracy: ratio(sensExact, sens),
	}
	r.Targets = DevTargets.check(r.Summary)
	return r
}

// Goals are the targets of a triage evaluation.
type Goals struct {
	CriticalRecall, SensitiveRecall, FalseAlarmRate, CategoryAccuracy float64
}

// DevTargets are the targets of the triage contract, checked by Evaluate.
var DevTargets = Goals{CriticalRecall: 1, SensitiveRecall: 0.95, FalseAlarmRate: 0.03, CategoryAccuracy: 0.85}

func (g Goals) check(s Summary) []Target {
	t := []Target{
		{Name: "critical_recall", Value: s.CriticalRecall, Goal: g.CriticalRecall, AtLeast: true},
		{Name: "sensitive_recall", Value: s.SensitiveRecall, Goal: g.SensitiveRecall, AtLeast: true},
		{Name: "false_alarm_rate", Value: s.FalseAlarmRate, Goal: g.FalseAlarmRate},
		{Name: "category_accuracy", Value: s.CategoryAccuracy, Goal: g.CategoryAccuracy, AtLeast: true},
	}
	for i := range t {
		if t[i].AtLeast {
			t[i].Met = t[i].Value >= t[i].Goal
		} else {
			t[i].Met = t[i].Value <= t[i].Goal
		}
	}
	return t
}

func (a *Alarms) add(p los.Triage) {
	a.N++
	if p.Severity == los.SeverityCritical {
		a.Crisis++
	}
	_, resp := los.DefaultPolicy.Respond(p.Category, p.Evidence)
	switch resp {
	case los.ResponseCrisis:
		a.Numbers++
		a.Handoff++
	case los.ResponseHandoff:
		a.Handoff++
	case los.ResponseCheckIn:
		a.CheckIn++
	case los.ResponseOffer:
		a.Offer++
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// WriteText writes the report as readable tables.
func (r Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "messages: %d (nb %d, nn %d, en %d), mean %.0f µs each\n\n", r.N,
		r.ByVariant[los.Bokmal], r.ByVariant[los.Nynorsk], r.ByVariant[los.English], r.MeanMicros)
	fmt.Fprintln(tw, "category\tsupport\tpredicted\tprecision\trecall\t")
	for _, c := range r.Categories {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.2f\t%.2f\t\n", c.Category, c.Support, c.Predicted, c.Precision, c.Recall)
	}
	fmt.Fprint(tw, "\nlabel \\ predicted\t")
	for _, c := range los.Categories {
		fmt.Fprintf(tw, "%s\t", abbrev(c))
	}
	fmt.Fprintln(tw)
	for _, l := range los.Categories {
		fmt.Fprintf(tw, "%s\t", l)
		for _, p := range los.Categories {
			fmt.Fprintf(tw, "%d\t", r.Confusion[l][p])
		}
		fmt.Fprintln(tw)
	}
	fmt.Fprintln(tw, "\ntarget\tvalue\tgoal\tmet\t")
	for _, t := range r.Targets {
		op := "<="
		if t.AtLeast {
			op = ">="
		}
		fmt.Fprintf(tw, "%s\t%.3f\t%s %.2f\t%v\t\n", t.Name, t.Value, op, t.Goal, t.Met)
	}
	fmt.Fprintf(tw, "accuracy\t%.3f\t\t\t\n", r.Summary.Accuracy)
	fmt.Fprintf(tw, "\nfalse alarms: %d (crisis categories %d; handed over %d, %d with crisis numbers; check-in %d; offer %d)\n",
		r.Alarms.N, r.Alarms.Crisis, r.Alarms.Handoff, r.Alarms.Numbers, r.Alarms.CheckIn, r.Alarms.Offer)
	fmt.Fprintln(tw, "\nconfidence\tmessages\tright\taccuracy\t")
	for _, b := range r.Calibration {
		end := fmt.Sprintf("%.1f)", b.To)
		if b.To > 1 {
			end = "1.0]"
		}
		fmt.Fprintf(tw, "[%.1f, %s\t%d\t%d\t%.2f\t\n", b.From, end, b.N, b.Correct, b.Accuracy)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(r.Mistakes) > 0 {
		fmt.Fprintf(w, "\nmistakes (%d):\n", len(r.Mistakes))
	}
	for _, m := range r.Mistakes {
		if _, err := fmt.Fprintf(w, "  line %d: %s -> %s (%.2f) %q %v\n", m.Line, m.Label, m.Predicted, m.Confidence, m.Text, m.Signals); err != nil {
			return err
		}
	}
	return nil
}

// abbrev shortens a category for the confusion table header.
func abbrev(c los.Category) string {
	if len(c) > 6 {
		return string(c[:6])
	}
	return string(c)
}
