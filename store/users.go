package store

import (
	"context"
	"database/sql"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
)

const userCols = `id, email, display_name, role, password_hash, created, disabled_at, totp_secret, totp_step`

// CreateUser stores a new user; the e-mail address must be unused. ID and
// Created are set.
func (s *DB) CreateUser(ctx context.Context, u *auth.User) error {
	u.Created = s.now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE email = ?`, u.Email).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return los.Errorf(los.ECONFLICT, "a user with e-mail %s exists already", u.Email)
		}
		return tx.QueryRowContext(ctx, `INSERT INTO users (email, display_name, role, password_hash, created) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			u.Email, u.Name, string(u.Role), u.PasswordHash, millis(u.Created)).Scan(&u.ID)
	})
}

// UserByEmail returns the user with an e-mail address (in the normalised,
// lower-case form).
func (s *DB) UserByEmail(ctx context.Context, email string) (*auth.User, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE email = ?`, email))
	if isNoRows(err) {
		return nil, notFound("user", email)
	}
	return u, err
}

// Users returns every user, ordered by e-mail address.
func (s *DB) Users(ctx context.Context) ([]auth.User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+userCols+` FROM users ORDER BY email`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []auth.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *u)
	}
	return out, rows.Err()
}

// SetPassword replaces a user's password hash and ends their sessions.
func (s *DB) SetPassword(ctx context.Context, email, hash string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `UPDATE users SET password_hash = ? WHERE email = ? RETURNING id`, hash, email).Scan(&id)
		if isNoRows(err) {
			return notFound("user", email)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, id)
		return err
	})
}

// SetDisplayName replaces the name customers see for a user ("" for
// none). Messages sent earlier keep the name they were sent under.
func (s *DB) SetDisplayName(ctx context.Context, email, name string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE users SET display_name = ? WHERE email = ?`, name, email)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("user", email)
	}
	return nil
}

// displayName returns the display name of the user with e-mail address
// email, "" when they have none or do not exist.
func displayName(ctx context.Context, q querier, email string) (string, error) {
	var name string
	err := q.QueryRowContext(ctx, `SELECT display_name FROM users WHERE email = ?`, email).Scan(&name)
	if isNoRows(err) {
		return "", nil
	}
	return name, err
}

func scanUser(r scanner) (*auth.User, error) {
	var (
		u                 auth.User
		role              string
		created, disabled int64
	)
	if err := r.Scan(&u.ID, &u.Email, &u.Name, &role, &u.PasswordHash, &created, &disabled, &u.TOTPSecret, &u.TOTPStep); err != nil {
		return nil, err
	}
	u.Role, u.Created, u.Disabled = auth.Role(role), fromMillis(created), disabled > 0
	return &u, nil
}
