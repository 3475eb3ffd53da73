package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/los-bot/los/eval"
	"github.com/los-bot/los/progress"
)

// evalCopilot measures the desk's suggested replies on blind answer sets:
// for how many questions the right article is the first suggestion, or
// among the three the desk shows. It asks the copilot as the desk does:
// the bot's retrieval over the data directory's knowledge base (the demo
// one in an empty directory). --misses lists the questions it missed, for
// tuning sets only: a held-out set's failures are never read.
func evalCopilot(ctx context.Context, e *env) error {
	var fs flag.FlagSet
	var tsvs listFlag
	fs.Var(&tsvs, "tsv", "blind answer set (TSV: id, lang, slugs, evidence, text; repeatable)")
	misses := fs.Bool("misses", false, "list the questions whose article was not suggested (refused for held-out sets)")
	if err := e.parse("eval copilot", &fs, 0, ""); err != nil {
		return err
	}
	if len(tsvs) == 0 {
		fs.Usage()
		return errUsage
	}
	if *misses {
		for _, p := range tsvs {
			if strings.Contains(filepath.Base(p), "heldout") {
				return fmt.Errorf("--misses with %s: a held-out set's failures are never read; measure it without --misses", p)
			}
		}
	}
	a, err := openApp(ctx, e.cfg, e.log, e.stderr, readIndex("eval copilot"))
	if err != nil {
		return err
	}
	defer a.Close()
	b := a.newBot(nil)
	var reps []*eval.CopilotReport
	for _, p := range tsvs {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		rows, err := eval.ReadAnswerTSV(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		if len(rows) == 0 {
			return errors.New(p + ": no questions")
		}
		bar := progress.New(e.stderr, filepath.Base(p))
		rep, err := eval.Copilot(ctx, filepath.Base(p), rows, b.Suggest, *misses,
			func(done, total int) { bar.Update(int64(done), int64(total)) })
		bar.Done()
		if err != nil {
			return err
		}
		reps = append(reps, rep)
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(reps)
}
