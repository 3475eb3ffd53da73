package eval

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
)

// Figures sum up outcomes. Shares of answerable messages: RightFirst,
// Useful, UsefulStrict, Refused; of out-of-scope ones: Honest (no
// article cited: Los said it had no answer and offered a human).
type Figures struct {
	Answerable   int     `json:"answerable"`
	RightFirst   float64 `json:"right_first"`
	Useful       float64 `json:"useful"`
	UsefulStrict float64 `json:"useful_strict"`
	Refused      float64 `json:"refused"`
	// HandedOver is the share of answerable messages that triage handed
	// to a human at once (part of Refused): a measure of triage, not of
	// the answer.
	HandedOver float64 `json:"handed_over"`
	OutOfScope int     `json:"out_of_scope"`
	Honest     float64 `json:"honest"`
	// SecondOffTopic is the share of answers citing a second article
	// that does not answer the question (of the answerable ones; every
	// second citation of an out-of-scope question is off-topic too).
	SecondCited    int     `json:"second_cited"`
	SecondOffTopic float64 `json:"second_off_topic"`
}

func figures(outs []Outcome) Figures {
	var f Figures
	var right, useful, strict, refused, honest, off, handed int
	for _, o := range outs {
		if len(o.Got) > 1 {
			f.SecondCited++
			if !slices.Contains(o.Want, o.Got[1]) {
				off++
			}
		}
		if len(o.Want) == 0 {
			f.OutOfScope++
			if !o.Answered {
				honest++
			}
			continue
		}
		f.Answerable++
		if o.Action == "handoff_now" {
			handed++
		}
		switch {
		case !o.Answered:
			refused++
		case o.RightFirst:
			right++
		}
		if o.Useful {
			useful++
		}
		if o.Strict {
			strict++
		}
	}
	if a := float64(f.Answerable); a > 0 {
		f.RightFirst, f.Useful, f.UsefulStrict, f.Refused = float64(right)/a, float64(useful)/a, float64(strict)/a, float64(refused)/a
		f.HandedOver = float64(handed) / a
	}
	if f.OutOfScope > 0 {
		f.Honest = float64(honest) / float64(f.OutOfScope)
	}
	if f.SecondCited > 0 {
		f.SecondOffTopic = float64(off) / float64(f.SecondCited)
	}
	return f
}

// AnswersReport holds the figures of single questions, over all and per
// written standard of the question, and how many replies each mode made.
// Outcomes are kept only when failures may be shown (not for held-out
// sets).
type AnswersReport struct {
	All      Figures            `json:"all"`
	ByLang   map[string]Figures `json:"by_lang"`
	Modes    map[string]int     `json:"modes"`
	Outcomes []Outcome          `json:"outcomes,omitempty"`
	outs     []Outcome
}

func newAnswersReport(outs []Outcome) AnswersReport {
	return AnswersReport{All: figures(outs), ByLang: figuresBy(outs, func(o Outcome) string { return o.Lang }),
		Modes: countModes(outs), outs: outs}
}

// WithOutcomes returns the report with every outcome in it, for showing
// failures of a tuning set.
func (r AnswersReport) WithOutcomes() AnswersReport {
	r.Outcomes = r.outs
	return r
}

// WriteText prints the report as a table.
func (r AnswersReport) WriteText(w io.Writer) error {
	rows := []namedFigures{{"all", r.All}}
	for _, l := range sortedKeys(r.ByLang) {
		rows = append(rows, namedFigures{l, r.ByLang[l]})
	}
	return writeReport(w, "lang", rows, r.Modes, r.Outcomes)
}

// namedFigures is one row of a report's table.
type namedFigures struct {
	name string
	f    Figures
}

// writeReport prints rows of figures as a table headed by first, the
// replies per mode, any notes (one a line), and the failures among outs.
func writeReport(w io.Writer, first string, rows []namedFigures, modeCounts map[string]int, outs []Outcome, notes ...string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	writeHeader(tw, first)
	for _, r := range rows {
		writeRow(tw, r.name, r.f)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "modes: %s\n", modes(modeCounts))
	for _, n := range notes {
		fmt.Fprintln(w, n)
	}
	return writeFailures(w, outs)
}

func writeHeader(tw io.Writer, first string) {
	fmt.Fprintf(tw, "%s\tanswerable\tright first\tuseful\tuseful (verbatim)\trefused\t(handed over)\tout of scope\thonest\t2nd cited\t2nd off-topic\t\n", first)
}

func writeRow(tw io.Writer, name string, f Figures) {
	a := f.Answerable > 0
	fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%d\t%s\t\n", name, f.Answerable, share3(f.RightFirst, a),
		share3(f.Useful, a), share3(f.UsefulStrict, a), share3(f.Refused, a), share3(f.HandedOver, a), f.OutOfScope, share3(f.Honest, f.OutOfScope > 0),
		f.SecondCited, share3(f.SecondOffTopic, f.SecondCited > 0))
}

// share3 prints a share with three decimals, or "-" when there is
// nothing to share.
func share3(x float64, some bool) string {
	if !some {
		return "-"
	}
	return fmt.Sprintf("%.3f", x)
}

func countModes(outs []Outcome) map[string]int {
	m := map[string]int{}
	for _, o := range outs {
		m[o.Mode]++
	}
	return m
}

func modes(m map[string]int) string {
	var parts []string
	for _, k := range sortedKeys(m) {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

// writeFailures lists the outcomes that failed: a wrong or missing
// citation, an answered out-of-scope question, an extractive answer that
// does not quote the evidence.
func writeFailures(w io.Writer, outs []Outcome) error {
	for _, o := range outs {
		ok := o.RightFirst && (o.Useful || o.Mode != "extractive")
		if len(o.Want) == 0 {
			ok = !o.Answered
		}
		if ok {
			continue
		}
		kind := ""
		if o.Kind != "" {
			kind = " " + o.Kind
		}
		_, err := fmt.Fprintf(w, "\n%s%s [%s] %s\n  want %v, got %v (%s)\n  %s\n", o.ID, kind, o.Lang, o.Text,
			o.Want, o.Got, o.Action, strings.ReplaceAll(firstLines(o.Answer, 6), "\n", "\n  "))
		if err != nil {
			return err
		}
	}
	return nil
}

func firstLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, "\n")
}

func filter(outs []Outcome, keep func(Outcome) bool) []Outcome {
	var r []Outcome
	for _, o := range outs {
		if keep(o) {
			r = append(r, o)
		}
	}
	return r
}

// figuresBy returns the figures of outs grouped by key.
func figuresBy(outs []Outcome, key func(Outcome) string) map[string]Figures {
	groups := map[string][]Outcome{}
	for _, o := range outs {
		groups[key(o)] = append(groups[key(o)], o)
	}
	m := make(map[string]Figures, len(groups))
	for k, g := range groups {
		m[k] = figures(g)
	}
	return m
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
