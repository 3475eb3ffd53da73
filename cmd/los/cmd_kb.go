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

// kbCommands are the subcommands of `los kb`.
var kbCommands = []subcommand{
	{"import", "import Markdown files with YAML front matter: los kb import [--demo] DIR", kbImport},
	{"reindex", "rebuild the search index from the database", kbReindex},
	{"search", `show the ranked sections for a question: los kb search [-n N] "q"`, kbSearch},
	{"remove-demo", "move the demo articles still as shipped to the editor's bin: los kb remove-demo [--dry-run]", kbRemoveDemo},
}

func cmdKB(ctx context.Context, e *env) error {
	return e.dispatch(ctx, "kb", kbCommands)
}

// kbImport validates every file first and writes nothing unless all are
// valid; then stores and indexes them. On a store without articles it
// imports DIR alone: the demo knowledge base comes too only with --demo.
func kbImport(ctx context.Context, e *env) error {
	var fs flag.FlagSet
	if err := e.parse("kb import", &fs, 1, "DIR"); err != nil {
		return err
	}
	// The demo comes along only when asked for here, never by default.
	demo := false
	fs.Visit(func(f *flag.Flag) { demo = demo || f.Name == "demo" && e.cfg.Demo })
	e.cfg.Demo = demo
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

// kbRemoveDemo moves the demo articles that are still exactly as shipped
// to the editor's bin (from where they can be restored) and takes them out
// of the search index. An article someone changed (edited, published,
// replaced by an import) is kept and listed.
func kbRemoveDemo(ctx context.Context, e *env) error {
	var fs flag.FlagSet
	dry := fs.Bool("dry-run", false, "list what would be removed and kept, change nothing")
	if err := e.parse("kb remove-demo", &fs, 0, ""); err != nil {
		return err
	}
	e.cfg.Demo = false
	demo, err := kb.Demo()
	if err != nil {
		return fmt.Errorf("demo knowledge base: %w", err)
	}
	a, err := openApp(ctx, e.cfg, e.log, e.stderr, writeIndex("kb remove-demo"))
	if err != nil {
		return err
	}
	defer a.Close()
	if *dry {
		return kbRemoveDemoDry(ctx, e, a, demo)
	}
	removed, changed, err := a.db.RemoveUnchanged(ctx, demo, "los kb remove-demo")
	if err != nil {
		return fmt.Errorf("nothing removed: %w", err)
	}
	for _, slug := range removed {
		if err := a.index.Delete(ctx, slug); err != nil {
			return fmt.Errorf("removed, but the search index still has %s (run los kb reindex): %w", slug, err)
		}
	}
	rev, err := a.db.KBRevision(ctx)
	if err != nil {
		return err
	}
	if err := a.index.SetStamp(ctx, rev); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "moved %d of %d demo articles to the editor's bin (restore them there)\n", len(removed), len(demo))
	printKept(e, changed)
	return nil
}

// kbRemoveDemoDry says what kb remove-demo would do, in a transaction it
// does not keep.
func kbRemoveDemoDry(ctx context.Context, e *env, a *app, demo []kb.Article) error {
	removed, changed, err := a.db.WouldRemoveUnchanged(ctx, demo)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "would move %d of %d demo articles to the editor's bin:\n", len(removed), len(demo))
	for _, slug := range removed {
		fmt.Fprintf(e.stdout, "  %s\n", slug)
	}
	printKept(e, changed)
	return nil
}

func printKept(e *env, changed []string) {
	if len(changed) == 0 {
		return
	}
	fmt.Fprintf(e.stdout, "kept %d demo articles someone changed (delete them in the editor if you do not want them):\n", len(changed))
	for _, slug := range changed {
		fmt.Fprintf(e.stdout, "  %s\n", slug)
	}
}
