package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/los-bot/los/progress"
	"github.com/los-bot/los/store"
)

const migrateDBHelp = `--to postgres://USER:PASSWORD@HOST:5432/DATABASE

Copies the SQLite database of the data directory (DATA/los.db) into an
empty PostgreSQL database, for running several replicas: every table, row
IDs kept. Stop los serve first: what it writes after the copy began stays
behind. The copy is atomic: it runs in one PostgreSQL transaction, counts
every table on both sides and commits only when every count matches, so an
interrupted or failed copy leaves the target as it was; run it again. A
target that already holds Los data is refused unless --force, which
replaces it. The SQLite file is left as it is (only brought up to this
build's schema first). Then set LOS_DATABASE_URL to the same URL and start
Los; each replica builds its search index from the database at start.
`

// cmdMigrateDB copies the SQLite store to PostgreSQL.
func cmdMigrateDB(ctx context.Context, e *env) error {
	var fs flag.FlagSet
	to := fs.String("to", "", "the PostgreSQL database to copy into (postgres://…)")
	force := fs.Bool("force", false, "replace what the target database holds")
	if err := e.parse("migrate-db", &fs, 0, migrateDBHelp); err != nil {
		return err
	}
	if *to == "" || !store.IsPostgresURL(*to) {
		fs.Usage()
		return errors.New("--to must be a PostgreSQL URL such as postgres://los:PASSWORD@db:5432/los")
	}
	path, err := existingDB(e.cfg.DataDir)
	if err != nil {
		return err
	}
	src, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := store.OpenPostgres(ctx, *to)
	if err != nil {
		return err
	}
	defer dst.Close()
	start := time.Now()
	bar := progress.New(e.stderr, "copying rows")
	counts, err := store.CopyTo(ctx, src, dst, store.CopyOptions{Force: *force, Progress: bar.Update})
	bar.Done()
	switch {
	case errors.Is(err, store.ErrNotEmpty):
		return fmt.Errorf("%w; nothing was copied. Use --force to replace it, or choose an empty database", err)
	case err != nil:
		return fmt.Errorf("%w; nothing was copied (the target is as it was)", err)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "table\tSQLite\tPostgreSQL\t")
	var rows int64
	for _, c := range counts {
		fmt.Fprintf(tw, "%s\t%d\t%d\t\n", c.Table, c.Source, c.Target)
		rows += c.Target
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "copied %d rows in %d tables from %s to %s, every count verified, took %s\n",
		rows, len(counts), path, store.Redacted(*to), time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(e.stdout, "next: set LOS_DATABASE_URL to that URL and start Los\n")
	return nil
}
