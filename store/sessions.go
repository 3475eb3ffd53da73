package store

import (
	"context"
	"strings"
	"time"

	"github.com/los-bot/los/auth"
)

var _ auth.Store = (*DB)(nil)

// CreateSession stores a session.
func (s *DB) CreateSession(ctx context.Context, sess *auth.Session) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, csrf, created, expires, pending) VALUES (?, ?, ?, ?, ?, ?)`,
		sess.TokenHash, sess.UserID, sess.CSRF, millis(sess.Created), millis(sess.Expires), sess.Pending)
	return err
}

// Session returns the session with a token hash, and its user.
func (s *DB) Session(ctx context.Context, tokenHash []byte) (*auth.Session, *auth.User, error) {
	var (
		sess             auth.Session
		created, expires int64
	)
	row := s.db.QueryRowContext(ctx, `SELECT s.token_hash, s.csrf, s.created, s.expires, s.pending, `+prefixed("u.", userCols)+`
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`, tokenHash)
	u, err := scanUser(prefixScanner{row, []any{&sess.TokenHash, &sess.CSRF, &created, &expires, &sess.Pending}})
	if isNoRows(err) {
		return nil, nil, notFound("session", "")
	}
	if err != nil {
		return nil, nil, err
	}
	sess.UserID, sess.Created, sess.Expires = u.ID, fromMillis(created), fromMillis(expires)
	return &sess, u, nil
}

// prefixed qualifies each of the comma-separated columns cols with p.
func prefixed(p, cols string) string {
	parts := strings.Split(cols, ", ")
	for i := range parts {
		parts[i] = p + parts[i]
	}
	return strings.Join(parts, ", ")
}

// prefixScanner scans the columns before a user's into first.
type prefixScanner struct {
	row   scanner
	first []any
}

func (p prefixScanner) Scan(dest ...any) error { return p.row.Scan(append(p.first, dest...)...) }

// DeleteSession ends a session; ending one that does not exist is not an
// error.
func (s *DB) DeleteSession(ctx context.Context, tokenHash []byte) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
	return err
}

// DeleteExpiredSessions removes sessions that expired by now and returns
// how many.
func (s *DB) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE expires <= ?`, millis(now))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
