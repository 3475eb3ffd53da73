package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/los-bot/los/eval"
	"github.com/los-bot/los/triage"
)

func cmdEval(ctx context.Context, e *env) error {
	if len(e.args) == 0 {
		fmt.Fprintln(e.stderr, "Usage: los eval retrieval --norquad FILE | los eval triage (--tsv FILE | --sentences FILE) [--json] | los eval lang [--ud DIR] [--tsv FILE]... [--conversations FILE]... [--json] | los eval copilot --tsv FILE... [--misses] | los eval answers --tsv FILE | los eval conversations --json FILE")
		return errUsage
	}
	sub := e.args[0]
	e.args = e.args[1:]
	switch sub {
	case "retrieval":
		return evalRetrieval(ctx, e)
	case "triage":
		return evalTriage(ctx, e)
	case "lang":
		return evalLang(ctx, e)
	case "copilot":
		return evalCopilot(ctx, e)
	case "answers":
		return evalAnswers(ctx, e)
	case "conversations":
		return evalConversations(ctx, e)
	}
	fmt.Fprintf(e.stderr, "los eval: unknown subcommand %q; use retrieval, triage, lang, copilot, answers or conversations\n", sub)
	return errUsage
}

// evalRetrieval indexes a NorQuAD file's passages in a temporary index,
// asks every question and prints recall@k and MRR@10 as JSON, with the
// plain Bleve baselines measured in the same run.
func evalRetrieval(ctx context.Context, e *env) error {
	var fs flag.FlagSet
	path := fs.String("norquad", "", "NorQuAD-format JSON file")
	if err := e.parse("eval retrieval", &fs, 0, ""); err != nil {
		return err
	}
	if *path == "" {
		fs.Usage()
		return errUsage
	}
	rep, err := eval.Retrieval(ctx, *path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// evalTriage measures the triage on a labelled TSV file, or counts its
// false alarms on real sentences (a JSON list of {"text", "label"}, the
// format of NoReC_sentence) with the labels --keep.
func evalTriage(ctx context.Context, e *env) error {
	var fs flag.FlagSet
	path := fs.String("tsv", "", "labelled TSV file with columns label, variant, text")
	sentences := fs.String("sentences", "", "JSON list of {\"text\", \"label\"} real sentences, read as none (false alarms)")
	keep := fs.String("keep", "Positive,Neutral", "with --sentences: the labels of the sentences to read, comma-separated")
	asJSON := fs.Bool("json", false, "print JSON instead of tables")
	if err := e.parse("eval triage", &fs, 0, ""); err != nil {
		return err
	}
	if (*path == "") == (*sentences == "") {
		fs.Usage()
		return errUsage
	}
	c, err := newClassifier(e.cfg)
	if err != nil {
		return err
	}
	file := *path
	if file == "" {
		file = *sentences
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	var rep triage.Report
	if *path != "" {
		rep, err = triage.Evaluate(ctx, f, c)
	} else {
		var ex []triage.Example
		if ex, err = triage.ReadSentences(f, strings.Split(*keep, ",")...); err == nil {
			rep, err = triage.EvaluateExamples(ctx, ex, c)
		}
	}
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	return rep.WriteText(e.stdout)
}
