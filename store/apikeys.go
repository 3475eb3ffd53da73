package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/los-bot/los/auth"
)

const keyCols = `id, name, hint, hash, scopes, created, last_used, revoked_at, expires`

// CreateAPIKey stores a new key; ID and Created are set.
func (s *DB) CreateAPIKey(ctx context.Context, k *auth.APIKey) error {
	k.Created = s.now()
	scopes := make([]string, len(k.Scopes))
	for i, sc := range k.Scopes {
		scopes[i] = string(sc)
	}
	var expires int64
	if k.Expires != nil {
		expires = millis(*k.Expires)
	}
	return s.db.QueryRowContext(ctx, `INSERT INTO api_keys (name, hint, hash, scopes, created, expires) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		k.Name, k.Hint, k.Hash, strings.Join(scopes, ","), millis(k.Created), expires).Scan(&k.ID)
}

// NewAPIKey makes and stores a key named name with scopes. It returns
// the key itself, which is never shown again: the store keeps its hash.
func (s *DB) NewAPIKey(ctx context.Context, name string, scopes []auth.Scope) (string, *auth.APIKey, error) {
	return s.NewAPIKeyUntil(ctx, name, scopes, time.Time{})
}

// NewAPIKeyUntil is NewAPIKey for a key that stops working at expires
// (the zero time: never).
func (s *DB) NewAPIKeyUntil(ctx context.Context, name string, scopes []auth.Scope, expires time.Time) (string, *auth.APIKey, error) {
	key, hash := auth.NewAPIKey()
	k := &auth.APIKey{Name: name, Hint: key[:len(auth.KeyPrefix)+6], Hash: hash, Scopes: scopes}
	if !expires.IsZero() {
		e := expires.UTC()
		k.Expires = &e
	}
	if err := s.CreateAPIKey(ctx, k); err != nil {
		return "", nil, err
	}
	return key, k, nil
}

// APIKeys returns every key, revoked ones too, newest first.
func (s *DB) APIKeys(ctx context.Context) ([]auth.APIKey, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+keyCols+` FROM api_keys ORDER BY id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []auth.APIKey{}
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *k)
	}
	return out, rows.Err()
}

// APIKeyByHash returns the key with hash, revoked or not.
func (s *DB) APIKeyByHash(ctx context.Context, hash []byte) (*auth.APIKey, error) {
	k, err := scanKey(s.db.QueryRowContext(ctx, `SELECT `+keyCols+` FROM api_keys WHERE hash = ?`, hash))
	if isNoRows(err) {
		return nil, notFound("API key", "")
	}
	return k, err
}

// TouchAPIKey records that key id was used at at. It writes at most once
// a minute per key.
func (s *DB) TouchAPIKey(ctx context.Context, id int64, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE api_keys SET last_used = ? WHERE id = ? AND last_used < ?`,
		millis(at), id, millis(at.Add(-time.Minute)))
	return err
}

// RevokeAPIKey revokes key id; revoking twice is no error.
func (s *DB) RevokeAPIKey(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE api_keys SET revoked_at = CASE WHEN revoked_at = 0 THEN ? ELSE revoked_at END WHERE id = ?`,
		millis(s.now()), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("API key", strconv.FormatInt(id, 10))
	}
	return nil
}

func scanKey(row interface{ Scan(...any) error }) (*auth.APIKey, error) {
	var (
		k                      auth.APIKey
		scopes                 string
		created, used, revoked int64
		expires                int64
	)
	if err := row.Scan(&k.ID, &k.Name, &k.Hint, &k.Hash, &scopes, &created, &used, &revoked, &expires); err != nil {
		return nil, err
	}
	for f := range strings.SplitSeq(scopes, ",") {
		k.Scopes = append(k.Scopes, auth.Scope(f))
	}
	k.Created = fromMillis(created)
	if used > 0 {
		t := fromMillis(used)
		k.LastUsed = &t
	}
	if revoked > 0 {
		t := fromMillis(revoked)
		k.Revoked = &t
	}
	if expires > 0 {
		t := fromMillis(expires)
		k.Expires = &t
	}
	return &k, nil
}
