package lang

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/los-bot/los"
)

// Ambiguous reports whether a Norwegian sentence reads the same in both
// standards as far as Apertium can tell: its translation into the other
// standard (Apertium's marks of unknown words dropped) has the same words.
// Such a sentence ("Metoden er brutal.", "God helg!") holds no sign of its
// standard; only context or a prior can decide it.
func Ambiguous(text, translation string) bool {
	a, b := words(text), words(translation)
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// udSentence is one line of a UD dev file with its Apertium translation.
type udSentence struct {
	Example
	path      string
	line      int
	ambiguous bool
}

// readUDPairs reads the UD dev files with their translations from
// directory dir (the corpus's ud directory).
func readUDPairs(dir string) ([]udSentence, error) {
	var out []udSentence
	for _, f := range corpusFiles {
		if !f.ud {
			continue
		}
		orig, err := readLines(filepath.Join(dir, filepath.Base(f.path)))
		if err != nil {
			return nil, err
		}
		tr, err := readLines(filepath.Join(dir, filepath.Base(f.translate)))
		if err != nil {
			return nil, err
		}
		if len(tr) != len(orig) {
			return nil, fmt.Errorf("%s has %d lines, its translation %s %d", f.path, len(orig), f.translate, len(tr))
		}
		for i, text := range orig {
			if text == "" {
				continue
			}
			out = append(out, udSentence{Example{f.lang, text}, f.path, i, Ambiguous(text, tr[i])})
		}
	}
	return out, nil
}

// splitUD reports detection on the UD dev files in dir (as laid out in
// the corpus's ud directory) split by ambiguity, for the training and the
// held-out part; nothing when their translations are not there.
func splitUD(dir string, detect func(string) los.Standard) ([]*Report, error) {
	for _, f := range corpusFiles {
		if _, err := os.Stat(filepath.Join(dir, filepath.Base(f.translate))); f.ud && err != nil {
			return nil, nil
		}
	}
	all, err := readUDPairs(dir)
	if err != nil {
		return nil, err
	}
	var reps []*Report
	for _, held := range []bool{false, true} {
		var sents []udSentence
		var got []los.Standard
		for _, s := range all {
			if HeldOutUD(s.line) == held {
				sents, got = append(sents, s), append(got, detect(s.Text))
			}
		}
		name := "UD dev, training part (in-sample)"
		if held {
			name = "UD dev, held-out part"
		}
		reps = append(reps, splitReports(name, sents, got)[1:]...)
	}
	return reps, nil
}

// cvFold deals the training blocks of a UD file (HeldOutUD false) into k
// folds in turn.
func cvFold(line, k int) int {
	b := line / UDBlock
	return (b/3*2 + b%3) % k
}

// CrossValidate measures detection inside the training part of the UD dev
// files, never touching the held-out part: the training blocks are dealt
// into k folds; each fold's sentences and their translations are left out
// of training in turn and detected (model and marker words) by the model
// trained on everything else. It returns three reports: all training-part
// sentences, the ambiguous ones (see Ambiguous) and the others. progress,
// when not nil, hears of each fold done.
func CrossValidate(corpus string, k int, opt TrainOptions, progress func(fold int)) ([]*Report, error) {
	if k < 2 {
		return nil, fmt.Errorf("cross-validation needs at least 2 folds, got %d", k)
	}
	all, err := readUDPairs(filepath.Join(corpus, "ud"))
	if err != nil {
		return nil, err
	}
	var sents []udSentence
	for _, s := range all {
		if !HeldOutUD(s.line) {
			sents = append(sents, s)
		}
	}
	got := make([]los.Standard, len(sents))
	for fold := range k {
		ex, err := trainingSet(corpus, func(_ string, line int) bool { return cvFold(line, k) == fold })
		if err != nil {
			return nil, err
		}
		m := Train(ex, opt)
		for i, s := range sents {
			if cvFold(s.line, k) == fold {
				got[i] = m.Identify(s.Text).Lang
			}
		}
		if progress != nil {
			progress(fold)
		}
	}
	return splitReports(fmt.Sprintf("UD dev training part, %d-fold cross-validation", k), sents, got), nil
}

// splitReports reports detection on sentences (detected as got) in all,
// then on the ambiguous and the unambiguous ones.
func splitReports(name string, sents []udSentence, got []los.Standard) []*Report {
	var reps []*Report
	for _, part := range []struct {
		suffix string
		keep   func(udSentence) bool
	}{
		{"", func(udSentence) bool { return true }},
		{", ambiguous (Apertium changes no word)", func(s udSentence) bool { return s.ambiguous }},
		{", unambiguous", func(s udSentence) bool { return !s.ambiguous }},
	} {
		var ex []Example
		var pred []los.Standard
		for i, s := range sents {
			if part.keep(s) {
				ex, pred = append(ex, s.Example), append(pred, got[i])
			}
		}
		reps = append(reps, tally(name+part.suffix, ex, func(i int) los.Standard { return pred[i] }))
	}
	return reps
}
