package store

import (
	"context"
	"time"

	"github.com/los-bot/los/auth"
)

var _ auth.Store = (*DB)(nil)

// CreateSession stores a session.
func (s *DB) CreateSession(ctx context.Context, sess *auth.Session) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, csrf, created, expires) VALUES (?, ?, ?, ?, ?)`,
		sess.TokenHash, sess.UserID, sess.CSRF, millis(sess.Created), millis(sess.Expires))
	return err
}

// Session returns the session with a token hash, and its user.
func (s *DB) Session(ctx context.Context, tokenHash []byte) (*auth.Session, *auth.User, error) {
	var (
		sess             auth.Session
		u                auth.User
		role             string
		created, expires int64
		userCreated      int64
	)
	err := s.db.QueryRowContext(ctx, `SELECT s.token_hash, s.user_id, s.csrf, s.created, s.expires, u.email, u.display_name, u.role, u.password_hash, u.created
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`, tokenHash).
		Scan(&sess.TokenHash, &sess.UserID, &sess.CSRF, &created, &expires, &u.Email, &u.Name, &role, &u.PasswordHash, &userCreated)
	if isNoRows(err) {
		return nil, nil, notFound("session", "")
	}
	if err != nil {
		return nil, nil, err
	}
	sess.Created, sess.Expires = fromMillis(created), fromMillis(expires)
	u.ID, u.Role, u.Created = sess.UserID, auth.Role(role), fromMillis(userCreated)
	return &sess, &u, nil
}

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
