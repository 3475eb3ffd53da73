package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"slices"
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
	// subs are the subcommands, and usage what `los NAME --help` prints,
	// for a command that has subcommands; a command without them answers
	// --help with its flags.
	subs  []string
	usage string
}

// subcommand is one subcommand of a command that dispatches with
// env.dispatch.
type subcommand struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env) error
}

func commands() []command {
	return []command{
		{name: "serve", summary: "serve chat page, widget, inbox, editor and API", run: cmdServe},
		{name: "ask", summary: "answer one question: los ask [--json] \"spørsmål\"", run: cmdAsk},
		{name: "triage", summary: "classify messages from stdin, one JSON object per line", run: cmdTriage},
		{name: "kb", summary: "knowledge base: los kb import DIR | reindex | search \"q\" | remove-demo", run: cmdKB,
			subs: names(kbCommands), usage: subUsage("kb", kbCommands)},
		{name: "eval", summary: "measure quality: los eval retrieval --norquad FILE | triage --tsv FILE | lang | copilot | answers | conversations", run: cmdEval,
			subs: []string{"retrieval", "triage", "lang", "copilot", "answers", "conversations"}, usage: evalUsage},
		{name: "models", summary: "Ollama models: los models list | pull", run: cmdModels,
			subs: []string{"list", "pull"}, usage: modelsUsage},
		{name: "health", summary: "check a running server: exit 0 when it answers /healthz", run: cmdHealth},
		{name: "users", summary: "accounts: los users add --role agent --email E < password | passwd | rename | list | disable | enable | role | delete | totp reset", run: cmdUsers,
			subs: []string{"add", "passwd", "rename", "list", "disable", "enable", "role", "delete", "totp"}, usage: usersUsage},
		{name: "keys", summary: "API keys: los keys create --scope chat,agent [--name N] | list | revoke ID", run: cmdKeys,
			subs: []string{"create", "list", "revoke"}, usage: keysUsage},
		{name: "backup", summary: "snapshot the database while Los runs: los backup [--force] FILE", run: cmdBackup},
		{name: "restore", summary: "put a backup in place (Los stopped): los restore FILE", run: cmdRestore},
		{name: "migrate-db", summary: "copy the SQLite database to PostgreSQL: los migrate-db --to postgres://… [--force]", run: cmdMigrateDB},
		{name: "version", summary: "print the version", run: cmdVersion},
	}
}

const evalUsage = `Usage:
  los eval retrieval --norquad FILE
  los eval triage (--tsv FILE | --sentences FILE) [--json]
  los eval lang [--ud DIR] [--tsv FILE]... [--conversations FILE]... [--json]
  los eval copilot --tsv FILE... [--misses]
  los eval answers --tsv FILE
  los eval conversations --json FILE

Run ` + "`los eval SUBCOMMAND --help`" + ` for its flags.`

const modelsUsage = `Usage:
  los models list   the configured models (LOS_CHAT_MODEL, LOS_EMBED_MODEL) and whether Ollama has them
  los models pull   pull the missing ones from Ollama's registry, with progress`

func cmdVersion(_ context.Context, e *env) error {
	var fs flag.FlagSet
	if err := e.parse("version", &fs, 0, ""); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "los %s\n", version)
	return nil
}

// isHelp reports whether arg asks for help.
func isHelp(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help" || arg == "help"
}

func names(subs []subcommand) []string {
	out := make([]string, len(subs))
	for i, s := range subs {
		out[i] = s.name
	}
	return out
}

// subUsage lists a command's subcommands.
func subUsage(parent string, subs []subcommand) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: los %s SUBCOMMAND [flags]\n\nSubcommands:\n", parent)
	for _, s := range subs {
		fmt.Fprintf(&b, "  %-12s %s\n", s.name, s.summary)
	}
	fmt.Fprintf(&b, "\nRun `los %s SUBCOMMAND --help` for its flags.", parent)
	return b.String()
}

// dispatch runs the subcommand named by the first argument.
func (e *env) dispatch(ctx context.Context, parent string, subs []subcommand) error {
	if len(e.args) == 0 {
		fmt.Fprintln(e.stderr, subUsage(parent, subs))
		return errUsage
	}
	name := e.args[0]
	e.args = e.args[1:]
	for _, s := range subs {
		if s.name == name {
			return s.run(ctx, e)
		}
	}
	fmt.Fprintf(e.stderr, "los %s: unknown subcommand %q\n%s\n", parent, name, subUsage(parent, subs))
	return errUsage
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
	if err := global.Parse(args); errors.Is(err, flag.ErrHelp) {
		usage(stdout)
		return 0
	} else if err != nil {
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
		if len(args) > 1 && isHelp(args[1]) && c.usage != "" {
			fmt.Fprintln(stdout, c.usage)
			return 0
		}
		e := &env{args: args[1:], cfg: cfg, stdin: stdin, stdout: stdout, stderr: stderr}
		err := c.run(ctx, e)
		switch {
		case err == nil, errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
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
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun `los COMMAND -h` for a command's flags. Every flag also reads a LOS_* variable.")
}

// parse parses a command's flags (and the configuration flags, which every
// command accepts) and validates the configuration.
//
// Asked for help (-h, --help), it prints the usage on standard output and
// returns flag.ErrHelp, which run turns into exit status 0.
func (e *env) parse(name string, fs *flag.FlagSet, minArgs int, argsHelp string) error {
	fs.Init("los "+name, flag.ContinueOnError)
	out := e.stderr
	if slices.ContainsFunc(e.args, func(a string) bool { return a != "help" && isHelp(a) }) {
		out = e.stdout
	}
	fs.SetOutput(out)
	e.cfg.Register(fs)
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: los %s [flags] %s\n", name, argsHelp)
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
