package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/progress"
)

func cmdKB(ctx context.Context, e *env) error {
	if len(e.args) == 0 {
		fmt.Fprintln(e.stderr, "Usage: los kb import DIR | reindex | search \"q\"")
		return errUsage
	}
	sub := e.args[0]
	e.args = e.args[1:]
	switch sub {
	case "import":
		return kbImport(ctx, e)
	case "reindex":
		return kbReindex(ctx, e)
	case "search":
		return kbSearch(ctx, e)
	}
	fmt.Fprintf(e.stderr, "los kb: unknown subcommand %q; use import, reindex or search\n", sub)
	return errUsage
}

// kbImport validates every file first and writes nothing unless all are
// valid; then stores and indexes them.
func kbImport(ctx context.Context, e *env) error {
	var fs flag.FlagSet
	if err := e.parse("kb import", &fs, 1, "DIR"); err != nil {
		return err
	}
	articles, err := kb.ImportFS(os.DirFS(e.args[0]), ".")
	if err != nil {
		return fmt.Errorf("nothing imported:\n%w", err)
	}
	a, err := openApp(ctx, e.cfg, e.log, e.stderr, writeIndex("kb import"))
	if err != nil {
		return err
	}
	defer a.Close()
	bar := progress.New(e.stderr, "importing")
	if err := a.db.ImportArticles(ctx, articles); err != nil {
		return fmt.Errorf("nothing imported: %w", err)
	}
	for i, art := range articles {
		if err := a.index.Put(ctx, art); err != nil {
			return fmt.Errorf("stored, but indexing %s failed (run los kb reindex): %w", art.Slug, err)
		}
		bar.Update(int64(i+1), int64(len(articles)))
	}
	bar.Done()
	rev, err := a.db.KBRevision(ctx)
	if err != nil {
		return err
	}
	if err := a.index.SetStamp(ctx, rev); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "imported %d articles from %s\n", len(articles), e.args[0])
	return nil
}

func kbReindex(ctx context.Context, e *env) error {
	var fs flag.FlagSet
	if err := e.parse("kb reindex", &fs, 0, ""); err != nil {
		return err
	}
	a, err := openApp(ctx, e.cfg, e.log, nil, writeIndex("kb reindex"))
	if err != nil {
		return err
	}
	defer a.Close()
	rev, err := a.db.KBRevision(ctx)
	if err != nil {
		return err
	}
	if err := a.rebuild(ctx, rev, e.stderr); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "index rebuilt")
	return nil
}

func kbSearch(ctx context.Context, e *env) error {
	var fs flag.FlagSet
	limit := fs.Int("n", 10, "number of sections")
	if err := e.parse("kb search", &fs, 1, `"query"`); err != nil {
		return err
	}
	a, err := openApp(ctx, e.cfg, e.log, e.stderr, readIndex("kb search"))
	if err != nil {
		return err
	}
	defer a.Close()
	hits, err := a.index.Search(ctx, strings.Join(e.args, " "), kb.SearchOptions{Limit: *limit})
	if err != nil {
		return err
	}
	if len(hits) == 0 {
		fmt.Fprintln(e.stdout, "no sections found")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tSCORE\tRELEVANT\tSECTION\tHEADING")
	for i, h := range hits {
		fmt.Fprintf(tw, "%d\t%.3f\t%v\t%s#%s\t%s\n", i+1, h.Score, h.Relevant(), h.Slug, h.Anchor, h.Heading)
	}
	return tw.Flush()
}
