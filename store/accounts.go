package store

import (
	"context"
	"database/sql"
	"encoding/hex"

	"github.com/los-bot/los/auth"
)

// Account controls: disable, enable, change role, delete, and the second
// factor. A user's audit trail stays whatever happens to the user: the
// log names people by e-mail address, not by a reference a delete would
// cascade to.

// SetUserDisabled disables (ending their sessions) or enables a user.
func (s *DB) SetUserDisabled(ctx context.Context, email string, disabled bool) error {
	at := int64(0)
	if disabled {
		at = millis(s.now())
	}
	return s.updateUser(ctx, email, disabled, `UPDATE users SET disabled_at = ? WHERE email = ? RETURNING id`, at, email)
}

// SetUserRole changes a user's role; it applies to their next request.
func (s *DB) SetUserRole(ctx context.Context, email string, role auth.Role) error {
	return s.updateUser(ctx, email, false, `UPDATE users SET role = ? WHERE email = ? RETURNING id`, string(role), email)
}

// DeleteUser deletes a user, their sessions and recovery codes. What
// they did stays in the audit log, and conversations they took over still
// name them.
func (s *DB) DeleteUser(ctx context.Context, email string) error {
	return s.updateUser(ctx, email, false, `DELETE FROM users WHERE email = ? RETURNING id`, email)
}

// ResetTOTP removes a user's second factor and recovery codes (a lost
// phone) and ends their sessions; they set it up again at the next sign-in.
func (s *DB) ResetTOTP(ctx context.Context, email string) error {
	return s.updateUser(ctx, email, true, `UPDATE users SET totp_secret = '', totp_step = 0 WHERE email = ? RETURNING id`, email)
}

// updateUser runs query (which returns the user's id) for the user with
// email; endSessions also ends their sessions, and a reset clears
// recovery codes.
func (s *DB) updateUser(ctx context.Context, email string, endSessions bool, query string, args ...any) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, query, args...).Scan(&id)
		if isNoRows(err) {
			return notFound("user", email)
		}
		if err != nil || !endSessions {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
			return err
		}
		var secret string
		if err := tx.QueryRowContext(ctx, `SELECT totp_secret FROM users WHERE id = ?`, id).Scan(&secret); err != nil {
			return err
		}
		if secret == "" {
			_, err = tx.ExecContext(ctx, `DELETE FROM recovery_codes WHERE user_id = ?`, id)
		}
		return err
	})
}

// SetTOTP gives user id the second factor secret and replaces their
// recovery codes with codes (their hashes).
func (s *DB) SetTOTP(ctx context.Context, id int64, secret string, codes [][]byte) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET totp_secret = ?, totp_step = 0 WHERE id = ?`, secret, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("user", "")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM recovery_codes WHERE user_id = ?`, id); err != nil {
			return err
		}
		for _, h := range codes {
			if _, err := tx.ExecContext(ctx, `INSERT INTO recovery_codes (user_id, hash) VALUES (?, ?)`, id, hex.EncodeToString(h)); err != nil {
				return err
			}
		}
		return nil
	})
}

// UseTOTPStep records that user id used the code of time step step,
// reporting false when that step or a later one was used already: a code
// is accepted once (RFC 6238, section 5.2).
func (s *DB) UseTOTPStep(ctx context.Context, id, step int64) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE users SET totp_step = ? WHERE id = ? AND totp_step < ?`, step, id, step)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// UseRecoveryCode spends user id's recovery code with hash, reporting
// false when there is no such unused code.
func (s *DB) UseRecoveryCode(ctx context.Context, id int64, hash []byte) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND hash = ? AND used_at = 0`,
		millis(s.now()), id, hex.EncodeToString(hash))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
