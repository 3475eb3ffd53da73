// Package store keeps Los's durable state: articles, conversations,
// messages, handoffs, users and the rest. It is the source of truth; the
// search index is derived from it. Two engines: an embedded SQLite file
// (pure Go, modernc.org/sqlite), the default, and PostgreSQL (pgx), which
// several replicas share. The SQL is written once for both; README.md
// here gives the rules.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"time"

	"modernc.org/sqlite"

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
	eng       engine
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
	c, err := sqlite.NewConnector("file:" + path + "?" + q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db := sql.OpenDB(connector{inner: c, eng: engineSQLite})
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
	s := &DB{db: db, eng: engineSQLite, now: time.Now, redaction: newRedaction(redact.All, nil)}
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
	if s.eng == enginePostgres {
		return s.migratePostgres(ctx)
	}
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if err := checkVersion(version, len(migrations)); err != nil {
		return err
	}
	for i := version; i < len(migrations); i++ {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
				return fmt.Errorf("migration %d: %w", i+1, err)
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// checkVersion refuses a database whose schema is newer than this build.
func checkVersion(version, known int) error {
	if version > known {
		// Opening it would let this build write rows a newer schema
		// does not expect; the newer Los must run, or a backup be restored.
		return fmt.Errorf("schema version %d, this build knows up to %d (run the newer los that wrote it, or restore a backup this version made): %w",
			version, known, ErrTooNew)
	}
	return nil
}

// tx runs fn in a transaction, committing when it returns nil. On SQLite
// a transaction has the database to itself (BEGIN IMMEDIATE). On
// PostgreSQL it runs SERIALIZABLE, and runs again when it lost a race
// with another (serialization failure or deadlock): so a transaction
// written for SQLite, such as read-check-write, is as safe with several
// replicas. fn must therefore do nothing outside the database that it
// cannot do twice.
func (s *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	if s.eng != enginePostgres {
		return runTx(ctx, s.db, nil, fn)
	}
	opts := &sql.TxOptions{Isolation: sql.LevelSerializable}
	for attempt := 1; ; attempt++ {
		err := runTx(ctx, s.db, opts, fn)
		if !isRetryable(err) || attempt == maxTxAttempts {
			return err
		}
		if err := pause(ctx, attempt); err != nil {
			return err
		}
	}
}

func runTx(ctx context.Context, db *sql.DB, opts *sql.TxOptions, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return dbError(tx.Commit())
}

func millis(t time.Time) int64 { return t.UnixMilli() }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

func notFound(what, id string) error {
	return los.Errorf(los.ENOTFOUND, "%s %q not found", what, id)
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
