package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/los-bot/los/lang"
)

// listFlag is a flag that may be given several times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// evalLang measures written-standard detection: on UD files by length band
// (the dev files split into the part trained on and the held-out part) and
// on labelled customer messages.
func evalLang(_ context.Context, e *env) error {
	var fs flag.FlagSet
	ud := fs.String("ud", "", "directory of UD sentence files nb.*.txt, nn.*.txt (one sentence a line)")
	var tsvs, convs listFlag
	fs.Var(&tsvs, "tsv", "TSV file with lang and text columns (repeatable)")
	fs.Var(&convs, "conversations", "blind conversation set (JSON; repeatable); each message has its conversation's lang")
	asJSON := fs.Bool("json", false, "print JSON instead of tables")
	if err := e.parse("eval lang", &fs, 0, ""); err != nil {
		return err
	}
	if *ud == "" && len(tsvs) == 0 && len(convs) == 0 {
		fs.Usage()
		return errUsage
	}
	var reps []*lang.Report
	if *ud != "" {
		r, err := lang.EvaluateUD(*ud, lang.Detect)
		if err != nil {
			return err
		}
		reps = append(reps, r...)
	}
	var pooled []lang.Example
	for _, p := range tsvs {
		ex, err := readExamples(p, lang.ReadTSV)
		if err != nil {
			return err
		}
		pooled = append(pooled, ex...)
		reps = append(reps, lang.Evaluate(p, ex, lang.Detect))
	}
	for _, p := range convs {
		ex, err := readExamples(p, lang.ReadConversations)
		if err != nil {
			return err
		}
		pooled = append(pooled, ex...)
		reps = append(reps, lang.Evaluate(p, ex, lang.Detect))
	}
	if len(tsvs)+len(convs) > 1 {
		reps = append(reps, lang.Evaluate("all messages of the files above", pooled, lang.Detect))
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(reps)
	}
	fmt.Fprintln(e.stdout, "recall per standard (n), balanced accuracy; bands in words")
	for _, r := range reps {
		fmt.Fprintln(e.stdout)
		if err := r.WriteText(e.stdout); err != nil {
			return err
		}
	}
	return nil
}

func readExamples(path string, read func(io.Reader) ([]lang.Example, error)) ([]lang.Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ex, err := read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ex, nil
}
