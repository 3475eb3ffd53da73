package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/los-bot/los/store"
)

const backupHelp = `FILE

Writes a consistent snapshot of the database (DATA/los.db) to FILE while
los serve keeps running, then checks the copy (integrity_check, schema
version) and prints what it holds. FILE is readable by its owner only: it
holds conversations. Not included: the search index (DATA/index), which is
derived from the database and rebuilt at start, and the models, which are
Ollama's. Restore with: los restore FILE.

With LOS_DATABASE_URL (PostgreSQL) the database is PostgreSQL's to back up:
los backup refuses and says how (pg_dump --format=custom).
`

const restoreHelp = `FILE

Replaces the database (DATA/los.db) with FILE, a file written by los backup.
Stop los serve first. FILE is checked before anything changes; the current
database is kept as DATA/los.db.before-restore-<time>, never deleted; the
search index is removed, and the next start rebuilds it. A backup from an
older Los is upgraded at the next start.

With LOS_DATABASE_URL (PostgreSQL), restore with pg_restore: los restore
refuses and says how.
`

// cmdBackup writes a snapshot of the database while Los runs.
func cmdBackup(ctx context.Context, e *env) error {
	var fs flag.FlagSet
	force := fs.Bool("force", false, "replace FILE if it exists (only once the new snapshot is complete)")
	if err := e.parse("backup", &fs, 1, backupHelp); err != nil {
		return err
	}
	if len(e.args) > 1 {
		return fmt.Errorf("one FILE, got %d arguments: %q", len(e.args), e.args)
	}
	if e.cfg.Postgres() {
		return errPostgresBackup("backup")
	}
	src, err := existingDB(e.cfg.DataDir)
	if err != nil {
		return err
	}
	start := time.Now()
	info, err := store.Backup(ctx, src, e.args[0], *force)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backed up %s to %s: %s, %d articles, %d conversations, %d messages, schema %d, took %s\n",
		src, info.Path, byteSize(info.Size), info.Articles, info.Conversations, info.Messages, info.Version,
		time.Since(start).Round(time.Millisecond))
	return nil
}

// existingDB is the database in dataDir, which must exist: a backup of a
// mistyped directory must not create an empty one.
func existingDB(dataDir string) (string, error) {
	if _, err := os.Stat(dataDir); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("data directory %s does not exist; --data (or LOS_DATA) chooses it", dataDir)
		}
		return "", fmt.Errorf("data directory: %w", err)
	}
	path := filepath.Join(dataDir, "los.db")
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("no database at %s; is %s the data directory los serve uses? --data (or LOS_DATA) chooses it", path, dataDir)
		}
		return "", err
	}
	return path, nil
}

// cmdRestore puts a backup in place of the database of a stopped Los.
func cmdRestore(ctx context.Context, e *env) error {
	var fs flag.FlagSet
	if err := e.parse("restore", &fs, 1, restoreHelp); err != nil {
		return err
	}
	if len(e.args) > 1 {
		return fmt.Errorf("one FILE, got %d arguments: %q", len(e.args), e.args)
	}
	if e.cfg.Postgres() {
		return errPostgresBackup("restore")
	}
	if err := os.MkdirAll(e.cfg.DataDir, 0o700); err != nil {
		return fmt.Errorf("data directory: %w", err)
	}
	start := time.Now()
	res, err := store.RestoreBackup(ctx, e.args[0], filepath.Join(e.cfg.DataDir, "los.db"), start)
	switch {
	case errors.Is(err, store.ErrInUse):
		return fmt.Errorf("%w: stop los serve (and any other los command using %s) first; nothing was changed", err, e.cfg.DataDir)
	case errors.Is(err, store.ErrTooNew):
		return fmt.Errorf("%w; upgrade los (this is %s) to the version that wrote the backup or newer; nothing was changed", err, version)
	case errors.Is(err, store.ErrNotLos):
		return fmt.Errorf("%w; nothing was changed", err)
	case err != nil:
		return err
	}
	index := filepath.Join(e.cfg.DataDir, "index")
	if err := os.RemoveAll(index); err != nil {
		return fmt.Errorf("restored, but the old search index could not be removed; remove %s before starting Los: %w", index, err)
	}
	e.log.Info("removed the search index; the next start rebuilds it from the restored database", "path", index)
	fmt.Fprintf(e.stdout, "restored %s to %s: %s, %d articles, %d conversations, %d messages, schema %d, took %s\n",
		res.Path, filepath.Join(e.cfg.DataDir, "los.db"), byteSize(res.Size), res.Articles, res.Conversations,
		res.Messages, res.Version, time.Since(start).Round(time.Millisecond))
	if res.Previous != "" {
		fmt.Fprintf(e.stdout, "the previous database is kept at %s\n", res.Previous)
	}
	if res.Version < store.SchemaVersion() {
		fmt.Fprintf(e.stdout, "the next start upgrades the schema from %d to %d\n", res.Version, store.SchemaVersion())
	}
	return nil
}

// byteSize formats n bytes for people: 912 B, 184.3 KiB, 12.0 MiB.
func byteSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// errPostgresBackup says that PostgreSQL's own tools back up and restore
// a store on PostgreSQL, and how.
func errPostgresBackup(command string) error {
	if command == "backup" {
		return errors.New("the store is on PostgreSQL (LOS_DATABASE_URL): back it up with PostgreSQL's tools while Los runs, " +
			"for example: pg_dump --format=custom --file=los.dump \"$LOS_DATABASE_URL\" (or continuous archiving); " +
			"the replicas' search indexes need no backup, they are rebuilt from the database")
	}
	return errors.New("the store is on PostgreSQL (LOS_DATABASE_URL): restore a pg_dump archive with PostgreSQL's tools, " +
		"for example: stop every replica, then pg_restore --clean --if-exists --dbname=\"$LOS_DATABASE_URL\" los.dump; " +
		"each replica rebuilds its search index at start")
}
