package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/los-bot/los/config"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// env is what a command gets: arguments after the command name, the
// parsed configuration, and the standard streams.
type env struct {
	args   []string
	cfg    config.Config
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env) error
}

func commands() []command {
	return []command{
		{"serve", "serve chat page, widget, inbox, editor and API", cmdServe},
		{"ask", "answer one question: los ask [--json] \"spørsmål\"", cmdAsk},
		{"triage", "classify messages from stdin, one JSON object per line", cmdTriage},
		{"kb", "knowledge base: los kb import DIR | reindex | search \"q\"", cmdKB},
		{"eval", "measure quality: los eval retrieval | triage | answers | conversations", cmdEval},
		{"models", "Ollama models: los models list | pull", cmdModels},
		{"health", "check a running server: exit 0 when it answers /healthz", cmdHealth},
		{"users", "accounts: los users add --role agent --email E < password", cmdUsers},
		{"keys", "API keys: los keys create --scope chat,agent [--name N] | list | revoke ID", cmdKeys},
		{"backup", "snapshot the database while Los runs: los backup [--force] FILE", cmdBackup},
		{"restore", "put a backup in place (Los stopped): los restore FILE", cmdRestore},
		{"migrate-db", "copy the SQLite database to PostgreSQL: los migrate-db --to postgres://… [--force]", cmdMigrateDB},
		{"version", "print the version", func(_ context.Context, e *env) error {
			fmt.Fprintf(e.stdout, "los %s\n", version)
			return nil
		}},
	}
}

// errUsage marks an error whose message is usage help; run prints it and
// exits with status 2.
var errUsage = errors.New("usage")

// run is the whole program, callable in-process by tests.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := config.FromEnv(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "los: configuration: %v\n", err)
		return 2
	}
	// Global flags may come before the command: los --data DIR ask ...
	global := flag.NewFlagSet("los", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	cfg.Register(global)
	if err := global.Parse(args); err != nil {
		fmt.Fprintf(stderr, "los: %v\n", err)
		usage(stderr)
		return 2
	}
	args = global.Args()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		e := &env{args: args[1:], cfg: cfg, stdin: stdin, stdout: stdout, stderr: stderr}
		err := c.run(ctx, e)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, errUsage), errors.Is(err, flag.ErrHelp):
			return 2
		case ctx.Err() != nil:
			// Ctrl-C or SIGTERM: the error is the interruption's echo.
			fmt.Fprintf(stderr, "los %s: interrupted\n", c.name)
			return 130
		default:
			fmt.Fprintf(stderr, "los %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "los: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Los: Norwegian customer-service bot.\n\nUsage: los [--data DIR] COMMAND [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun `los COMMAND -h` for a command's flags. Every flag also reads a LOS_* variable.")
}

// parse parses a command's flags (and the configuration flags, which every
// command accepts) and validates the configuration.
func (e *env) parse(name string, fs *flag.FlagSet, minArgs int, argsHelp string) error {
	fs.Init("los "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	e.cfg.Register(fs)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: los %s [flags] %s\n", name, argsHelp)
		fs.PrintDefaults()
	}
	if err := fs.Parse(e.args); err != nil {
		return err
	}
	e.args = fs.Args()
	if len(e.args) < minArgs {
		fs.Usage()
		return errUsage
	}
	if err := e.cfg.Validate(); err != nil {
		return fmt.Errorf("configuration:\n  %s", strings.ReplaceAll(err.Error(), "\n", "\n  "))
	}
	e.log = newLogger(e.stderr, e.cfg)
	return nil
}

func newLogger(w io.Writer, cfg config.Config) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
