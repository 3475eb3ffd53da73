package store

import (
	"context"
	"errors"
	"time"
)

// The shared counts of failed sign-ins (auth.SharedFailures), kept in the
// login_failures table of replicas.postgres.sql: replicas sharing
// PostgreSQL throttle sign-ins together. One SQLite process counts in
// memory and has no such table.

var errNoSharedFailures = errors.New("failed sign-ins are shared on PostgreSQL only")

// LoginFailures returns how often key failed in the window that began
// after since.
func (s *DB) LoginFailures(ctx context.Context, key string, since time.Time) (int, time.Time, error) {
	if s.eng != enginePostgres {
		return 0, time.Time{}, errNoSharedFailures
	}
	var n, first int64
	err := s.db.QueryRowContext(ctx, `SELECT n, first FROM login_failures WHERE key = ? AND first >= ?`, key, millis(since)).Scan(&n, &first)
	if isNoRows(err) {
		return 0, time.Time{}, nil
	}
	return int(n), fromMillis(first), err
}

// AddLoginFailure counts a failure of key at now, in one statement (two
// replicas counting at once both count); a window that began before since
// starts again at now. Windows long past are deleted now and then.
func (s *DB) AddLoginFailure(ctx context.Context, key string, now, since time.Time) error {
	if s.eng != enginePostgres {
		return errNoSharedFailures
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO login_failures (key, n, first) VALUES (?, 1, ?)
		ON CONFLICT (key) DO UPDATE SET
			n = CASE WHEN login_failures.first < ? THEN 1 ELSE login_failures.n + 1 END,
			first = CASE WHEN login_failures.first < ? THEN excluded.first ELSE login_failures.first END`,
		key, millis(now), millis(since), millis(since))
	if err == nil && now.UnixNano()%64 == 0 {
		_, err = s.db.ExecContext(ctx, `DELETE FROM login_failures WHERE first < ?`, millis(since))
	}
	return err
}

// ResetLoginFailures forgets key's failures.
func (s *DB) ResetLoginFailures(ctx context.Context, key string) error {
	if s.eng != enginePostgres {
		return errNoSharedFailures
	}
	_, err := s.db.ExecContext(ctx, `DELETE FROM login_failures WHERE key = ?`, key)
	return err
}

// ForgiveLoginFailure takes back one counted failure of key (the attempt
// it was counted for succeeded).
func (s *DB) ForgiveLoginFailure(ctx context.Context, key string) error {
	if s.eng != enginePostgres {
		return errNoSharedFailures
	}
	_, err := s.db.ExecContext(ctx, `UPDATE login_failures SET n = n - 1 WHERE key = ? AND n > 0`, key)
	return err
}
