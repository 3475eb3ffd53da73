// Command train trains the written-standard model of package lang from its
// corpus directory and writes it (run by `go generate ./lang`).
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
	flag.Parse()
	if err := run(*corpus, *out); err != nil {
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
