package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/eval"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/progress"
	"github.com/los-bot/los/store"
	"github.com/los-bot/los/web"
	"github.com/los-bot/los/web/chat"
)

// answerFlags are the flags `los eval answers` and `los eval
// conversations` share.
type answerFlags struct {
	format   *string
	failures *bool
	generate *bool
	noTriage *bool
}

func addAnswerFlags(fs *flag.FlagSet) answerFlags {
	return answerFlags{
		format:   fs.String("format", "text", "output: text (tables) or json"),
		failures: fs.Bool("failures", false, "also list every failed message (refused for held-out sets)"),
		generate: fs.Bool("generate", false, "let the chat model write answers as configured (default: extractive answers only, as measured in the issue)"),
		noTriage: fs.Bool("without-triage", false, "answer every message without triage (no handovers), to measure retrieval and answers apart from triage's false alarms"),
	}
}

// parse parses the command's flags into fs and checks them: the input
// file path is required, --format is text or json, and --failures is
// refused for a held-out set.
func (f answerFlags) parse(e *env, name string, fs *flag.FlagSet, path *string) error {
	if err := e.parse(name, fs, 0, ""); err != nil {
		return err
	}
	if *path == "" {
		fs.Usage()
		return errUsage
	}
	if *f.format != "text" && *f.format != "json" {
		return fmt.Errorf("--format %q: use text or json", *f.format)
	}
	if *f.failures && eval.HeldOut(*path) {
		return fmt.Errorf("%s is a held-out set: its failures are never shown (aggregates only); use a tuning set for --failures", *path)
	}
	return nil
}

// evalAnswers asks every labelled question of a TSV file, as `los ask
// --json` does, and prints the answer measures.
func evalAnswers(ctx context.Context, e *env) error {
	var fs flag.FlagSet
	path := fs.String("tsv", "", "labelled questions: TSV with columns id, lang, slugs, evidence, text (eval/testdata/blind)")
	af := addAnswerFlags(&fs)
	if err := af.parse(e, "eval answers", &fs, path); err != nil {
		return err
	}
	cases, err := eval.LoadCases(*path)
	if err != nil {
		return err
	}
	a, cleanup, err := openEvalApp(ctx, e, af)
	if err != nil {
		return err
	}
	defer cleanup()
	bar := progress.New(e.stderr, "asking")
	opt, err := a.evalOptions(ctx, bar)
	if err != nil {
		return err
	}
	rep, err := eval.Answers(ctx, cases, func(ctx context.Context, text string) (eval.Reply, error) {
		res, err := a.bot.Turn(ctx, los.TurnRequest{Text: text})
		return eval.Reply{Answer: res.Answer, Action: string(res.Action), Category: string(res.Category),
			Citations: res.Citations, Mode: string(res.Mode), Lang: string(res.Lang)}, err
	}, opt)
	bar.Done()
	if err != nil {
		return err
	}
	return printAnswers(e.stdout, af, rep)
}

// evalConversations plays labelled conversations through the
// conversation API over HTTP: of a running Los (--url) or of one started
// here on a free port of 127.0.0.1.
func evalConversations(ctx context.Context, e *env) error {
	var fs flag.FlagSet
	path := fs.String("json", "", "labelled conversations: JSON file (eval/testdata/blind)")
	url := fs.String("url", "", "base URL of a running Los (default: start one here on a copy of the data directory); its twins count as right only where labelled")
	stream := fs.Bool("stream", false, "ask for server-sent events and check that the token events spell each answer")
	af := addAnswerFlags(&fs)
	if err := af.parse(e, "eval conversations", &fs, path); err != nil {
		return err
	}
	ds, err := eval.LoadDialogues(*path)
	if err != nil {
		return err
	}
	chat := &eval.HTTPChat{Base: *url, Stream: *stream}
	var a *app
	if *url == "" {
		var cleanup func()
		if a, cleanup, err = openEvalApp(ctx, e, af); err != nil {
			return err
		}
		defer cleanup()
		base, stop, err := serveForEval(a)
		if err != nil {
			return err
		}
		defer stop()
		chat.Base = base
	}
	bar := progress.New(e.stderr, "conversations")
	opt := eval.Options{Progress: func(done, total int) { bar.Update(int64(done), int64(total)) }}
	if a != nil {
		if opt, err = a.evalOptions(ctx, bar); err != nil {
			return err
		}
	}
	rep, err := eval.Conversations(ctx, ds, chat, opt)
	bar.Done()
	if err != nil {
		return err
	}
	return printAnswers(e.stdout, af, rep)
}

// evalOptions reports progress on bar, counts a citation of the twin of
// an answering article as right, and lets the judge read evidence
// translated by the Apertium Los quotes articles with, when it is
// installed.
func (a *app) evalOptions(ctx context.Context, bar *progress.Bar) (eval.Options, error) {
	opt := eval.Options{Progress: func(done, total int) { bar.Update(int64(done), int64(total)) }}
	articles, err := a.db.Articles(ctx)
	if err != nil {
		return opt, err
	}
	opt.Groups = eval.Groups(articles)
	if a.apertium.Available() == nil {
		opt.Translate = func(ctx context.Context, from, to, text string) (string, error) {
			return a.apertium.Translate(ctx, los.Standard(from), los.Standard(to), text)
		}
	}
	return opt, nil
}

type textReport interface{ WriteText(io.Writer) error }

// printAnswers prints an answers or conversations report in the format
// asked for, with every outcome when --failures asks for them.
func printAnswers[R interface {
	textReport
	WithOutcomes() R
}](w io.Writer, af answerFlags, rep R) error {
	if *af.failures {
		rep = rep.WithOutcomes()
	}
	return printReport(w, *af.format, rep)
}

func printReport(w io.Writer, format string, rep textReport) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(rep)
	}
	return rep.WriteText(w)
}

// openEvalApp opens Los on a copy of the data directory's database (the
// demo knowledge base when there is none) in a temporary directory, so
// that the measured conversations never reach the real one. Unless
// --generate, answers are extractive; with --without-triage, nothing is
// triaged.
func openEvalApp(ctx context.Context, e *env, af answerFlags) (*app, func(), error) {
	dir, err := os.MkdirTemp("", "los-eval-")
	if err != nil {
		return nil, nil, err
	}
	remove := func() { os.RemoveAll(dir) }
	src := filepath.Join(e.cfg.DataDir, "los.db")
	if _, err := os.Stat(src); err == nil {
		if _, err := store.Backup(ctx, src, filepath.Join(dir, "los.db"), false); err != nil {
			remove()
			return nil, nil, fmt.Errorf("copy %s: %w", src, err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		remove()
		return nil, nil, err
	}
	cfg := e.cfg
	cfg.DataDir = dir
	// Turns are many and alike: only problems are logged.
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	a, err := openApp(ctx, cfg, log, e.stderr, readIndex("eval"))
	if err != nil {
		remove()
		return nil, nil, err
	}
	a.newBot(func(c *bot.Config) {
		if !*af.generate {
			// Extractive answers and the heuristic reading of
			// conversations: what is measured does not depend on a model.
			c.Generator, c.Rewriter = nil, nil
		}
		if *af.noTriage {
			c.Triager = nil
		}
	})
	return a, func() { a.Close(); remove() }, nil
}

// serveForEval serves a's chat API on a free port of 127.0.0.1 without
// rate limits, and returns its base URL and a function that stops it.
func serveForEval(a *app) (string, func(), error) {
	srv := web.New(web.Config{Texts: a.texts, Log: a.log, Accounts: a.db, Store: a.db, Index: a.index,
		RatePerIP: 1e6, RatePerConversation: 1e6})
	chat.Routes(srv, chat.Deps{Conversations: a.db, Bot: a.bot, Articles: a.db, Search: a.index, Hub: hub.New(),
		Redactor: a.botConfig.Redactor})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	hs := srv.HTTPServer(ln.Addr().String())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.log.Error("evaluation server stopped", "err", err)
		}
	}()
	return "http://" + ln.Addr().String(), func() { hs.Close(); <-done }, nil
}
