package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/los-bot/los/ollama"
	"github.com/los-bot/los/progress"
)

// cmdModels lists and pulls the configured models on every Ollama host.
// With one host the output is as it always was; with several, list adds
// a HOST column and pull names the host. A host that fails does not stop
// the others; the command then fails at the end, naming it.
func cmdModels(ctx context.Context, e *env) error {
	if len(e.args) == 0 {
		fmt.Fprintln(e.stderr, "Usage: los models list | pull")
		return errUsage
	}
	sub := e.args[0]
	e.args = e.args[1:]
	var fs flag.FlagSet
	if err := e.parse("models "+sub, &fs, 0, ""); err != nil {
		return err
	}
	var clients []*ollama.Client
	for _, h := range e.cfg.OllamaHosts() {
		c, err := ollama.New(h)
		if err != nil {
			return err
		}
		clients = append(clients, c)
	}
	want := []string{e.cfg.ChatModel}
	if e.cfg.EmbedModel != "" {
		want = append(want, e.cfg.EmbedModel)
	}
	switch sub {
	case "list":
		return listModels(ctx, e.stdout, clients, want)
	case "pull":
		return pullModels(ctx, e, clients, want)
	}
	fmt.Fprintf(e.stderr, "los models: unknown subcommand %q; use list or pull\n", sub)
	return errUsage
}

func listModels(ctx context.Context, out io.Writer, clients []*ollama.Client, want []string) error {
	several := len(clients) > 1
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	if several {
		fmt.Fprint(tw, "HOST\t")
	}
	fmt.Fprintln(tw, "MODEL\tSTATE\tSIZE")
	var errs []error
	for _, c := range clients {
		states, err := c.List(ctx, want)
		if err != nil && !several {
			return err
		}
		if err != nil {
			fmt.Fprintf(tw, "%s\t-\tunreachable\t-\n", c.URL())
			errs = append(errs, fmt.Errorf("%s: %w", c.URL(), err))
			continue
		}
		for _, s := range states {
			state, size := fmt.Sprintf("missing: run ollama pull %s (or los models pull)", s.Name), "-"
			if s.Present {
				state, size = "present", fmt.Sprintf("%.1f MB", float64(s.Size)/1e6)
			}
			if !s.Configured {
				state += " (not configured)"
			}
			if several {
				fmt.Fprintf(tw, "%s\t", c.URL())
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Name, state, size)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return errors.Join(errs...)
}

// pullModels pulls every wanted model to every host, one download at a
// time so that each has its own progress bar.
func pullModels(ctx context.Context, e *env, clients []*ollama.Client, want []string) error {
	several := len(clients) > 1
	var errs []error
	for _, c := range clients {
		where := ""
		if several {
			where = " on " + c.URL()
		}
		for _, m := range want {
			bar := progress.New(e.stderr, "pulling "+m+where)
			err := c.Pull(ctx, m, func(status string, done, total int64) {
				bar.Update(done, total)
			})
			bar.Done()
			if err != nil && !several {
				return err
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", c.URL(), err))
				if ctx.Err() != nil {
					return errors.Join(errs...)
				}
				continue
			}
			fmt.Fprintf(e.stdout, "pulled %s%s\n", m, where)
		}
	}
	return errors.Join(errs...)
}
