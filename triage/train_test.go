package triage

import (
	"bytes"
	"os"
	"slices"
	"testing"

	"github.com/los-bot/los"
)

func readTestSet(t testing.TB, name string) []Example {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ex, err := ReadExamples(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return ex
}

func trainingPool(t testing.TB) []Example {
	lex, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	pool, err := TrainingPool("testdata", lex)
	if err != nil {
		t.Fatal(err)
	}
	return pool
}

func TestTrainingSetsHoldOut(t *testing.T) {
	for _, name := range HeldOutSets {
		if slices.Contains(TrainingSets, name) || slices.Contains(RealSets, name) {
			t.Fatalf("TrainingSets %v or RealSets %v include the held-out set %s", TrainingSets, RealSets, name)
		}
	}
}

func TestTrainDeterministic(t *testing.T) {
	ex := readTestSet(t, "dev.tsv")[:400]
	opt := TrainOptions{Iterations: 40, Thresholds: Thresholds{Critical: 0.3, High: 0.35, Medium: 0.5}}
	var out [2]bytes.Buffer
	for i := range out {
		if _, err := Train(ex, opt).WriteTo(&out[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
		t.Fatal("two trainings on the same data wrote different model files")
	}
	m, err := LoadModel(&out[0])
	if err != nil {
		t.Fatalf("LoadModel of a written model: %v", err)
	}
	if m.Features() == 0 || m.Data() != TrainingDigest(ex, opt) {
		t.Errorf("reloaded model: %d features, data %s", m.Features(), m.Data())
	}
}

// TestTrainingDigest: every input of Train changes the digest.
func TestTrainingDigest(t *testing.T) {
	ex := readTestSet(t, "dev.tsv")[:50]
	opt := TrainOptions{Thresholds: Thresholds{Critical: 0.3}}
	base := TrainingDigest(ex, opt)
	if again := TrainingDigest(slices.Clone(ex), opt); again != base {
		t.Fatalf("the same examples give %s and %s", base, again)
	}
	change := map[string]func([]Example, *TrainOptions){
		"text":       func(e []Example, _ *TrainOptions) { e[3].Text += " x" },
		"label":      func(e []Example, _ *TrainOptions) { e[3].Label = los.CategoryDistress },
		"weight":     func(e []Example, _ *TrainOptions) { e[3].Weight = 0.3 },
		"order":      func(e []Example, _ *TrainOptions) { e[3], e[4] = e[4], e[3] },
		"threshold":  func(_ []Example, o *TrainOptions) { o.Thresholds.Critical = 0.31 },
		"iterations": func(_ []Example, o *TrainOptions) { o.Iterations = 301 },
	}
	for name, f := range change {
		e, o := slices.Clone(ex), opt
		f(e, &o)
		if TrainingDigest(e, o) == base {
			t.Errorf("changing the %s leaves the digest %s", name, base)
		}
	}
}

// TestModelFresh fails when lexicons/model.json was not retrained after
// the labelled sets, the lexicons (which choose the real sentences), the
// feature extraction or the training options changed: it compares the
// model's TrainingDigest with the one the files give, in seconds. With
// LOS_SLOW_TESTS=1 it also retrains (minutes) and compares the bytes,
// which catches a change to Train that did not bump trainVersion.
func TestModelFresh(t *testing.T) {
	b, err := os.ReadFile("lexicons/" + ModelFile)
	if err != nil {
		t.Fatal(err)
	}
	m, err := LoadModel(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	pool := trainingPool(t)
	opt := TrainOptions{Thresholds: m.Thresholds()}
	if got := TrainingDigest(pool, opt); got != m.Data() {
		t.Fatalf("lexicons/model.json was trained on other data (%s, the sets give %s): run go generate ./triage", m.Data(), got)
	}
	if testing.Short() || os.Getenv("LOS_SLOW_TESTS") != "1" {
		t.Log("digest matches; retraining only with LOS_SLOW_TESTS=1 (and not -short)")
		return
	}
	var buf bytes.Buffer
	if _, err := Train(pool, opt).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), b) {
		t.Fatal("retraining gives other weights than lexicons/model.json: run go generate ./triage")
	}
}
