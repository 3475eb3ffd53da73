package triage

import (
	"bytes"
	"strings"
	"testing"
)

// TestCrossValidate checks the cross-validation mechanics on small folds
// cut from dev.tsv; the figures of the real folds come from
// go run ./internal/train -cv (see README.md).
func TestCrossValidate(t *testing.T) {
	lex, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	dev := readTestSet(t, "dev.tsv")
	var folds []Fold
	for k := range 2 {
		var train, test []Example
		for i, ex := range dev[:600] {
			if i%10 == k {
				test = append(test, ex)
			} else {
				train = append(train, ex)
			}
		}
		folds = append(folds, Fold{Name: "part" + string(rune('a'+k)), Train: train, Test: test, Lex: lex})
	}
	opt := TrainOptions{Iterations: 30, Thresholds: Thresholds{Critical: 0.3, High: 0.35, Medium: 0.5, Lower: 0.8, Below: 0.8}}
	results := CrossValidate(folds, opt)
	for i, r := range results {
		if r.N != len(folds[i].Test) {
			t.Errorf("%s: n %d, want %d", r.Name, r.N, len(folds[i].Test))
		}
		// The rules are tuned on dev: alone they are right on it, and the
		// model never takes a critical decision away.
		if r.Rules.CriticalRecall != 1 || r.Fused.CriticalRecall < r.Rules.CriticalRecall {
			t.Errorf("%s: critical recall rules %.3f, fused %.3f", r.Name, r.Rules.CriticalRecall, r.Fused.CriticalRecall)
		}
	}
	var buf bytes.Buffer
	if err := WriteFolds(&buf, results); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"left out", "parta", "partb", "rules+model", "model alone"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, buf.String())
		}
	}
	th, _, nested := ChooseThresholds(folds, opt, DefaultCosts)
	if len(nested) != len(folds) || th.Critical <= 0 || th.Critical > 1 || th.High <= 0 || th.Medium <= 0 {
		t.Errorf("ChooseThresholds: %+v, %d nested results", th, len(nested))
	}
}
