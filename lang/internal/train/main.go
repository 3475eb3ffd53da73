// Command train trains the written-standard model of package lang from its
// corpus directory and writes it (run by `go generate ./lang`). With -cv K
// it writes nothing and measures K-fold cross-validation inside the
// training part of the UD dev files instead (the held-out part is never
// read): the way to tune the detector.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/los-bot/los/lang"
)

func main() {
	corpus := flag.String("corpus", "corpus", "corpus directory")
	out := flag.String("o", "model.bin", "model file to write")
	cv := flag.Int("cv", 0, "measure K-fold cross-validation inside the UD training part instead of training")
	opt := &lang.DefaultTrainOptions
	flag.IntVar(&opt.Epochs, "epochs", opt.Epochs, "training epochs (with -cv: to try other options)")
	flag.Float64Var(&opt.Rate, "rate", opt.Rate, "AdaGrad learning rate")
	flag.Float64Var(&opt.L2, "l2", opt.L2, "weight decay per update")
	flag.IntVar(&opt.MinCount, "mincount", opt.MinCount, "drop features seen fewer times")
	flag.Parse()
	var err error
	if *cv > 0 {
		err = crossValidate(*corpus, *cv)
	} else {
		err = run(*corpus, *out)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(corpus, out string) error {
	ex, err := lang.TrainingSet(corpus)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "training on %d examples\n", len(ex))
	m := lang.Train(ex, lang.DefaultTrainOptions)
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

func crossValidate(corpus string, k int) error {
	reps, err := lang.CrossValidate(corpus, k, lang.DefaultTrainOptions, func(fold int) {
		fmt.Fprintf(os.Stderr, "fold %d of %d done\n", fold+1, k)
	})
	if err != nil {
		return err
	}
	for _, r := range reps {
		if err := r.WriteText(os.Stdout); err != nil {
			return err
		}
		fmt.Println()
	}
	return nil
}
