package main

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"

	"github.com/los-bot/los/ollama"
	"github.com/los-bot/los/progress"
)

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
	client, err := ollama.New(e.cfg.OllamaHost)
	if err != nil {
		return err
	}
	want := []string{e.cfg.ChatModel}
	if e.cfg.EmbedModel != "" {
		want = append(want, e.cfg.EmbedModel)
	}
	switch sub {
	case "list":
		states, err := client.List(ctx, want)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "MODEL\tSTATE\tSIZE")
		for _, s := range states {
			state, size := fmt.Sprintf("missing: run ollama pull %s (or los models pull)", s.Name), "-"
			if s.Present {
				state, size = "present", fmt.Sprintf("%.1f MB", float64(s.Size)/1e6)
			}
			if !s.Configured {
				state += " (not configured)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Name, state, size)
		}
		return tw.Flush()
	case "pull":
		for _, m := range want {
			bar := progress.New(e.stderr, "pulling "+m)
			err := client.Pull(ctx, m, func(status string, done, total int64) {
				bar.Update(done, total)
			})
			bar.Done()
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "pulled %s\n", m)
		}
		return nil
	}
	fmt.Fprintf(e.stderr, "los models: unknown subcommand %q; use list or pull\n", sub)
	return errUsage
}
