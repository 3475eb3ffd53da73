package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/los-bot/los/redact"
)

// IsPostgresURL reports whether dsn names a PostgreSQL database
// (postgres:// or postgresql://).
func IsPostgresURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// OpenPostgres opens the PostgreSQL database at dsn (a postgres:// URL)
// and brings its schema up to date; replicas starting at once take turns
// (an advisory lock). A database written by a newer Los is refused with
// ErrTooNew.
func OpenPostgres(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("LOS_DATABASE_URL: %w", err)
	}
	where := Redacted(dsn)
	db := sql.OpenDB(connector{inner: stdlib.GetConnector(*cfg), eng: enginePostgres})
	db.SetMaxOpenConns(32)
	db.SetMaxIdleConns(32)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", where, err)
	}
	s := &DB{db: db, eng: enginePostgres, now: time.Now, redaction: newRedaction(redact.All, nil)}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate store %s: %w", where, err)
	}
	return s, nil
}

// Redacted is dsn without its password, for messages and logs.
func Redacted(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(a database URL that does not parse)"
	}
	return u.Redacted()
}

// Engine names the database under the store: "sqlite" or "postgres".
func (s *DB) Engine() string { return s.eng.String() }

// migrationLock is the advisory lock key replicas take while migrating.
const migrationLock = 0x6c6f735f6d6967 // "los_mig"

// migratePostgres applies the missing migrations in one transaction
// (PostgreSQL's DDL is transactional: all or nothing), under an advisory
// lock so that replicas starting together migrate once, then the support
// objects of replicas.postgres.sql.
func (s *DB) migratePostgres(ctx context.Context) error {
	return runTx(ctx, s.db, nil, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, int64(migrationLock)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS los_schema (
			id BIGINT PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL)`); err != nil {
			return err
		}
		var version int
		err := tx.QueryRowContext(ctx, `SELECT version FROM los_schema WHERE id = 1`).Scan(&version)
		if err != nil && !isNoRows(err) {
			return err
		}
		if err := checkVersion(version, len(pgMigrations)); err != nil {
			return err
		}
		for i := version; i < len(pgMigrations); i++ {
			if _, err := tx.ExecContext(ctx, pgMigrations[i]); err != nil {
				return fmt.Errorf("migration %d: %w", i+1, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO los_schema (id, version) VALUES (1, ?)
			ON CONFLICT (id) DO UPDATE SET version = excluded.version`, len(pgMigrations)); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, pgSupport)
		return err
	})
}

// maxTxAttempts bounds how often a transaction that lost a race runs.
const maxTxAttempts = 10

// pause waits a little, more after each attempt, with jitter so that the
// transactions that collided do not collide again.
func pause(ctx context.Context, attempt int) error {
	d := time.Duration(attempt) * time.Duration(1+rand.IntN(5)) * time.Millisecond
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
	}
	return nil
}
