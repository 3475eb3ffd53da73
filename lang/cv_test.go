package lang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/los-bot/los"
)

func TestAmbiguous(t *testing.T) {
	for _, c := range []struct {
		text, tr string
		want     bool
	}{
		{"Metoden er brutal.", "Metoden er brutal.", true},
		{"God helg!", "god helg", true}, // case and punctuation carry no sign
		{"Fylt grov wrap", "Fylt grov *wrap", true},
		{"Kva gjer han?", "Hva gjør han?", false},
		{"Og verre skal det verta.", "Og verre skal det bli.", false},
		{"Ein avocado", "En avocado og", false},
	} {
		if got := Ambiguous(c.text, c.tr); got != c.want {
			t.Errorf("Ambiguous(%q, %q) = %v", c.text, c.tr, got)
		}
	}
}

// TestCVFoldsAvoidHeldOut: cross-validation deals out training blocks
// only, and every fold gets some.
func TestCVFoldsAvoidHeldOut(t *testing.T) {
	const k = 5
	seen := map[int]int{}
	for line := range 60 * UDBlock {
		if HeldOutUD(line) {
			continue
		}
		seen[cvFold(line, k)]++
	}
	if len(seen) != k {
		t.Fatalf("folds used: %v", seen)
	}
	for f, n := range seen {
		if n != 8*UDBlock {
			t.Errorf("fold %d has %d lines, want %d", f, n, 8*UDBlock)
		}
	}
}

// writeCorpus writes a small corpus with every file TrainingSet reads.
func writeCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	nb := []string{"Jeg har ikke fått regningen.", "Hva koster strømmen?", "Metoden er brutal.", "Hvorfor er det slik?"}
	nn := []string{"Eg har ikkje fått rekninga.", "Kva kostar straumen?", "God helg!", "Kvifor er det slik?"}
	trNb := []string{"Eg har ikkje fått rekninga.", "Kva kostar straumen?", "Metoden er brutal.", "Kvifor er det slik?"}
	trNn := []string{"Jeg har ikke fått regningen.", "Hva koster strømmen?", "God helg!", "Hvorfor er det slik?"}
	var files = map[string][]string{
		"ud/nb.dev.txt": nb, "ud/nb.dev.nn.apertium.txt": trNb,
		"ud/nn.dev.txt": nn, "ud/nn.dev.nb.apertium.txt": trNn,
		"norquad/nb.txt": {"Oslo er hovedstaden."}, "norquad/nb.nn.apertium.txt": {"Oslo er hovudstaden."},
		ArticleSnapshot: {"nb\tSlik endrer du adressen\tSlik endrar du adressa"},
		LocaleSnapshot:  {"en\tSend message\t"},
	}
	// Repeat the lines to three blocks: two to train on, one held out.
	for name, lines := range files {
		if strings.HasPrefix(name, "ud/") {
			var rep []string
			for range 3 * UDBlock / len(lines) {
				rep = append(rep, lines...)
			}
			rep = append(rep, lines[:3*UDBlock%len(lines)]...)
			lines = rep
		}
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestCrossValidate(t *testing.T) {
	corpus := writeCorpus(t)
	folds := 0
	reps, err := CrossValidate(corpus, 2, TrainOptions{Epochs: 3, Rate: 0.1, MinCount: 1}, func(int) { folds++ })
	if err != nil {
		t.Fatal(err)
	}
	if folds != 2 || len(reps) != 3 {
		t.Fatalf("%d folds, %d reports", folds, len(reps))
	}
	// 150 lines a file, the third block held out: 100 training lines
	// each, a quarter of them ambiguous.
	all, amb, unamb := reps[0], reps[1], reps[2]
	if n := all.Recall[BandAll][los.Bokmal].N; n != 100 {
		t.Errorf("%d Bokmål sentences cross-validated, want 100", n)
	}
	if n := amb.Recall[BandAll][los.Bokmal].N; n != 25 {
		t.Errorf("%d ambiguous Bokmål sentences, want 25", n)
	}
	if amb.Recall[BandAll][los.Nynorsk].N+unamb.Recall[BandAll][los.Nynorsk].N != all.Recall[BandAll][los.Nynorsk].N {
		t.Error("the ambiguous and unambiguous parts do not add up")
	}
	if got := unamb.Balanced[BandAll]; got < 0.9 {
		t.Errorf("unambiguous sentences seen in other folds: balanced accuracy %.2f", got)
	}
	if _, err := CrossValidate(corpus, 1, DefaultTrainOptions, nil); err == nil {
		t.Error("1 fold accepted")
	}
}

func TestEvaluateUDSplitsByAmbiguity(t *testing.T) {
	corpus := writeCorpus(t)
	reps, err := EvaluateUD(filepath.Join(corpus, "ud"), Detect)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range reps {
		names = append(names, r.Name)
	}
	want := []string{"UD dev, training part (in-sample)", "UD dev, held-out part",
		"UD dev, training part (in-sample), ambiguous (Apertium changes no word)", "UD dev, training part (in-sample), unambiguous",
		"UD dev, held-out part, ambiguous (Apertium changes no word)", "UD dev, held-out part, unambiguous"}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Fatalf("reports:\n%s", strings.Join(names, "\n"))
	}
	// Held out: lines 100-149, of which 102, 106, ..., 146 are ambiguous.
	if n := reps[4].Recall[BandAll][los.Bokmal].N; n != 12 {
		t.Errorf("held-out ambiguous Bokmål: %d, want 12", n)
	}
	if n := reps[5].Recall[BandAll][los.Bokmal].N; n != 38 {
		t.Errorf("held-out unambiguous Bokmål: %d, want 38", n)
	}
}
