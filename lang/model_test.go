package lang

import (
	"bytes"
	"testing"

	"github.com/los-bot/los"
)

// TestModelFresh fails when model.bin was not retrained after the corpus,
// the knowledge base, the strings or the training options changed. Without
// -short it retrains and compares the bytes.
func TestModelFresh(t *testing.T) {
	ex, err := TrainingSet("corpus")
	if err != nil {
		t.Fatal(err)
	}
	if got := Digest(ex, DefaultTrainOptions); got != shipped().Digest {
		t.Fatalf("model.bin was trained on other data (%s; the corpus gives %s): run go generate ./lang", shipped().Digest, got)
	}
	if testing.Short() {
		t.Skip("-short: not retraining")
	}
	var buf bytes.Buffer
	if _, err := Train(ex, DefaultTrainOptions).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), modelBytes) {
		t.Fatal("retraining gives other weights than model.bin: run go generate ./lang")
	}
}

func TestModelRoundTrip(t *testing.T) {
	m := Train([]Example{{los.Bokmal, "jeg vet ikke"}, {los.Nynorsk, "eg veit ikkje"}, {los.English, "I do not know"}, {los.Bokmal, "jeg vet ikke"}}, TrainOptions{Epochs: 3, Rate: 0.1, MinCount: 1})
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"jeg vet", "eg veit", "know", "x"} {
		a, _ := m.Scores(s)
		b, _ := back.Scores(s)
		if a != b {
			t.Errorf("%q: %v before writing, %v after", s, a, b)
		}
	}
	if _, err := ReadModel(bytes.NewReader(append(buf.Bytes(), 0))); err == nil {
		t.Error("trailing bytes accepted")
	}
	if _, err := ReadModel(bytes.NewReader([]byte("LOSLANG0"))); err == nil {
		t.Error("bad magic accepted")
	}
}

// TestHeldOutNeverTrained: no held-out UD sentence is a training example
// (the split is by line blocks, so a sentence that occurs twice could
// cross it only by repeating).
func TestHeldOutNeverTrained(t *testing.T) {
	ex, err := TrainingSet("corpus")
	if err != nil {
		t.Fatal(err)
	}
	train := map[string]bool{}
	for _, e := range ex {
		train[e.Text] = true
	}
	ho, err := HeldOutSet("corpus")
	if err != nil {
		t.Fatal(err)
	}
	if len(ho) < 1000 {
		t.Fatalf("only %d held-out sentences", len(ho))
	}
	crossed := 0
	for _, e := range ho {
		if train[e.Text] && Band(e.Text) != BandShort {
			crossed++
		}
	}
	// Repeated short lines ("Les også:") occur on both sides; longer ones
	// must not.
	if crossed > 5 {
		t.Errorf("%d held-out sentences of 6 words or more are also training examples", crossed)
	}
}

// TestDetectionFloor keeps the measured quality from sliding: the
// held-out UD figures (see `los eval lang`) must stay above these floors.
func TestDetectionFloor(t *testing.T) {
	ho, err := HeldOutSet("corpus")
	if err != nil {
		t.Fatal(err)
	}
	r := Evaluate("ud held out", ho, Detect)
	for _, c := range []struct {
		band  string
		l     los.Standard
		floor float64
	}{{BandAll, los.Bokmal, 0.91}, {BandAll, los.Nynorsk, 0.91}, {BandLong, los.Nynorsk, 0.97}} {
		if got := r.Recall[c.band][c.l].Recall; got < c.floor {
			t.Errorf("%s %s: %.3f, floor %.2f", c.band, c.l, got, c.floor)
		}
	}
}

// BenchmarkIdentify: a customer message of typical length.
func BenchmarkIdentify(b *testing.B) {
	shipped()
	msg := "Hei! Eg har ikkje fått rekninga for straum i januar, og lurer på om de har sendt ho til feil adresse?"
	for b.Loop() {
		Identify(msg)
	}
}
