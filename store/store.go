// Package store keeps Los's durable state in an embedded SQLite database
// (pure Go, modernc.org/sqlite): articles, conversations, messages and
// handoffs. It is the source of truth; the search index is derived from it.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/los-bot/los"
	"github.com/los-bot/los/redact"
)

// MaxConns bounds the store's open SQLite connections. WAL lets readers
// run beside the one writer; more connections than this only queue on
// SQLite's own lock and cost descriptors.
const MaxConns = 16

// DB is an open store.
type DB struct {
	db        *sql.DB
	now       func() time.Time
	redaction redaction
}

// Open opens (creating if needed) the SQLite database at path and brings
// its schema up to date. A database written by a newer Los is refused
// with ErrTooNew. Writes use immediate transactions and a busy
// timeout, so concurrent writers queue instead of failing.
func Open(ctx context.Context, path string) (*DB, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	// FULL: every commit syncs the WAL, so nothing Los acknowledged (a
	// turn, a handoff, an agent's reply) is lost on power loss; NORMAL
	// could lose the last commits. Measured with BenchmarkAPITurns (16
	// writers, an instant model, 2 shared cores, 7 runs each): median
	// 71.9 turns/s with NORMAL, 76.9 with FULL (run-to-run noise 49-158);
	// p99 828 ms against 2,089 ms, the fsyncs queueing. With a real model
	// a turn takes seconds and the sync is not seen.
	q.Add("_pragma", "synchronous(FULL)")
	// Deleted rows are overwritten, so purged conversations leave no text
	// behind in free pages.
	q.Add("_pragma", "secure_delete(ON)")
	q.Set("_txlock", "immediate")
	if err := ownerOnly(path); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// A bounded pool: a thousand open inboxes once held hundreds of
	// connections (each a file descriptor and a page cache). Requests
	// beyond it wait for a free connection, within their context.
	db.SetMaxOpenConns(MaxConns)
	db.SetMaxIdleConns(MaxConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := &DB{db: db, now: time.Now, redaction: newRedaction(redact.All, nil)}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate store %s: %w", path, err)
	}
	return s, nil
}

// ownerOnly creates the database file readable and writable by its owner
// alone (0600), or makes an existing one so, with its WAL and shared
// memory: SQLite creates those with the database file's mode, so they
// follow. Without it, los.db was created 0644 whatever the directory.
func ownerOnly(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, 0o600); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// Close closes the database.
func (s *DB) Close() error { return s.db.Close() }

// Ping checks that the database answers.
func (s *DB) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// SetClock replaces the clock, for tests.
func (s *DB) SetClock(now func() time.Time) { s.now = now }

func (s *DB) migrate(ctx context.Context) error {
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if version > len(migrations) {
		// Opening it would let this build write rows a newer schema
		// does not expect; the newer Los must run, or a backup be restored.
		return fmt.Errorf("schema version %d, this build knows up to %d (run the newer los that wrote it, or restore a backup this version made): %w",
			version, len(migrations), ErrTooNew)
	}
	for i := version; i < len(migrations); i++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// tx runs fn in a transaction, committing when it returns nil.
func (s *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func millis(t time.Time) int64 { return t.UnixMilli() }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

func notFound(what, id string) error {
	return los.Errorf(los.ENOTFOUND, "%s %q not found", what, id)
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
