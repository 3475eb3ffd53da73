package triage

import (
	"bytes"
	"os"
	"slices"
	"testing"
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

// TestModelFresh fails when lexicons/model.json was not retrained after
// the labelled sets or the training options changed. Without -short it
// retrains and compares the bytes.
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
	if testing.Short() {
		t.Skip("-short: not retraining")
	}
	var buf bytes.Buffer
	if _, err := Train(pool, opt).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), b) {
		t.Fatal("retraining gives other weights than lexicons/model.json: run go generate ./triage")
	}
}
