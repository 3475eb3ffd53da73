// Command train fits the learned second layer of the triage on the labelled
// sets (triage.TrainingSets) and writes the model file; with -cv it prints
// leave-one-set-out cross-validation figures instead. Run it through
// go generate ./triage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/los-bot/los/triage"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	dir := fs.String("dir", "testdata", "directory of the labelled sets")
	out := fs.String("o", "lexicons/model.json", "model file to write")
	cv := fs.Bool("cv", false, "print leave-one-set-out figures with the current rules; write nothing")
	history := fs.String("history", "", "directory of rules as they were before each set was tuned on (see README); choose thresholds on them; write nothing")
	offers := fs.String("compare-offers", "", "with -history: instead of searching, print the folds with the given thresholds and each of these values of -offer (comma-separated)")
	compareCue := fs.Bool("compare-cue", false, "with -compare-offers: each offer with both kinds of cue")
	var th triage.Thresholds
	fs.Float64Var(&th.Critical, "critical", 0.2, "probability from which the model raises to self_harm or violence")
	fs.Float64Var(&th.High, "high", 0.45, "probability from which the model raises to a high category")
	fs.Float64Var(&th.Medium, "medium", 0.45, "probability from which the model raises to distress or vulnerable")
	fs.Float64Var(&th.Lower, "lower", 0.8, "probability of none from which the model lowers a non-critical decision (0: never)")
	fs.Float64Var(&th.Below, "below", 0.8, "rules confidence under which the model may lower")
	fs.StringVar(&th.Cue, "cue", "", `which rules evidence lets the model raise to self_harm or violence: "" (tied to a person) or "any"`)
	fs.Float64Var(&th.Offer, "offer", 0.35, "without a cue, p(self_harm or violence) from which the model raises none to that category on weak evidence (a check-in, no crisis numbers; 0: never)")
	fs.Float64Var(&th.NoneRatio, "none-ratio", 0, "from none, a critical raise also needs p(critical) >= this times p(none) (0: no bound)")
	var opt triage.TrainOptions
	fs.Float64Var(&opt.L2, "l2", 0, "weight decay (0: default)")
	fs.IntVar(&opt.Iterations, "iterations", 0, "training steps (0: default)")
	fs.IntVar(&opt.MinCount, "min-count", 0, "messages a feature must occur in (0: default)")
	fs.Float64Var(&opt.Rate, "rate", 0, "step size (0: default)")
	costs := triage.DefaultCosts
	fs.Float64Var(&costs.FalseAlarm, "cost-false-alarm", costs.FalseAlarm, "cost of a false alarm when choosing thresholds (-history)")
	fs.Float64Var(&costs.Critical, "cost-critical", costs.Critical, "extra cost of a missed critical message (-history)")
	fs.Float64Var(&costs.RealAlarm, "cost-real-alarm", costs.RealAlarm, "cost of a false alarm on real sentences (-history)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	opt.Thresholds = th
	lex, err := triage.Embedded()
	if err != nil {
		return err
	}
	d := data{sets: map[string][]triage.Example{}}
	for _, name := range triage.TrainingSets {
		ex, err := triage.ReadSet(filepath.Join(*dir, name))
		if err != nil {
			return err
		}
		d.sets[name] = ex
	}
	for _, name := range triage.RealSets {
		ex, err := triage.ReadSet(filepath.Join(*dir, name))
		if err != nil {
			return err
		}
		d.real = append(d.real, ex...)
	}
	switch {
	case *history != "" && *offers != "":
		return compareOffers(*history, d, lex, opt, *offers, *compareCue, stdout)
	case *history != "":
		return chooseOnHistory(*history, d, lex, opt, costs, stdout)
	case *cv:
		fmt.Fprintf(stdout, "thresholds %+v\n", th)
		return triage.WriteFolds(stdout, triage.CrossValidate(currentFolds(d, lex), opt))
	}
	pool, err := triage.TrainingPool(*dir, lex)
	if err != nil {
		return err
	}
	m := triage.Train(pool, opt)
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if _, err := m.WriteTo(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d messages, %d features\n", *out, len(pool), m.Features())
	return nil
}

// data are the labelled sets by name and the real sentences.
type data struct {
	sets map[string][]triage.Example
	real []triage.Example
}

// realParts splits the real sentences into five parts by position: the
// fold "real" leaves out the first part, the model trains on the others.
func (d data) realParts(lex *triage.Lexicon) (test, train []triage.Example) {
	var rest []triage.Example
	for i, ex := range d.real {
		if i%5 == 0 {
			test = append(test, ex)
		} else {
			rest = append(rest, ex)
		}
	}
	return test, triage.RealExamples(lex, rest, triage.RealWeight)
}

// chooseOnHistory runs one fold per subdirectory of dir named like a
// blind set (blind_a, ...): its lexicons are the rules before that set was
// tuned on, its dev.tsv the dev set of that time; the model trains on that
// dev set, the other sets of the pool and the real sentences, never on the
// left-out set. The thresholds are chosen on these folds and on those of
// the current rules (see currentFolds) together.
func chooseOnHistory(dir string, d data, cur *triage.Lexicon, opt triage.TrainOptions, costs triage.Costs, stdout io.Writer) error {
	folds, err := historyFolds(dir, d, cur)
	if err != nil {
		return err
	}
	current := currentFolds(d, cur)
	th, at, nested := triage.ChooseThresholds(append(folds, current...), opt, costs)
	fmt.Fprintf(stdout, "least cost (%+v) over all folds: %+v\n", costs, th)
	fmt.Fprintln(stdout, "rules before the left-out set was tuned on, thresholds as given:")
	if err := triage.WriteFolds(stdout, triage.CrossValidate(folds, opt)); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "\nwith the thresholds of least cost (first the rules before tuning, then the current rules):")
	if err := triage.WriteFolds(stdout, at); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "\nwith thresholds chosen on the other sets:")
	return triage.WriteFolds(stdout, nested)
}

// historyFolds are the folds with the rules before each set was tuned on.
func historyFolds(dir string, d data, cur *triage.Lexicon) ([]triage.Fold, error) {
	var folds []triage.Fold
	_, real := d.realParts(cur)
	for _, left := range triage.TrainingSets[2:] {
		sub := filepath.Join(dir, strings.TrimSuffix(left, ".tsv"))
		if _, err := os.Stat(sub); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		lex, err := triage.LoadDir(sub)
		if err != nil {
			return nil, err
		}
		dev, err := triage.ReadSet(filepath.Join(sub, "dev.tsv"))
		if err != nil {
			return nil, err
		}
		train := append(append(dev, except(d.sets, left, "dev.tsv")...), real...)
		folds = append(folds, triage.Fold{Name: left, Test: d.sets[left], Lex: lex, Train: train})
	}
	return folds, nil
}

// compareOffers prints the folds of both kinds (see chooseOnHistory) with
// the thresholds of opt and each value of Thresholds.Offer in list.
func compareOffers(dir string, d data, cur *triage.Lexicon, opt triage.TrainOptions, list string, compareCue bool, stdout io.Writer) error {
	folds, err := historyFolds(dir, d, cur)
	if err != nil {
		return err
	}
	folds = append(folds, currentFolds(d, cur)...)
	var ths []triage.Thresholds
	for _, v := range strings.Split(list, ",") {
		o, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return fmt.Errorf("-compare-offers: %w", err)
		}
		th := opt.Thresholds
		th.Offer = o
		ths = append(ths, th)
		if compareCue {
			th.Cue = triage.CueAny
			ths = append(ths, th)
		}
	}
	for k, res := range triage.CompareThresholds(folds, opt, ths) {
		fmt.Fprintf(stdout, "\nthresholds %+v:\n", ths[k])
		if err := triage.WriteFolds(stdout, res); err != nil {
			return err
		}
	}
	return nil
}

// currentFolds leave out each set but dev.tsv in turn, with the current
// rules, which were tuned on every set of the pool, and a fifth of the
// real sentences (all of them, cue or not: false alarms on real text).
func currentFolds(d data, lex *triage.Lexicon) []triage.Fold {
	test, real := d.realParts(lex)
	var folds []triage.Fold
	for _, left := range triage.TrainingSets[1:] {
		folds = append(folds, triage.Fold{Name: left, Test: d.sets[left], Lex: lex, Train: append(except(d.sets, left), real...)})
	}
	return append(folds, triage.Fold{Name: "real", Test: test, Lex: lex, Train: append(except(d.sets), real...), Real: true})
}

// except joins the sets other than the named ones, in TrainingSets order.
func except(sets map[string][]triage.Example, names ...string) []triage.Example {
	var out []triage.Example
	for _, name := range triage.TrainingSets {
		if !slices.Contains(names, name) {
			out = append(out, sets[name]...)
		}
	}
	return out
}
