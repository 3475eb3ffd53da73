package auth

import (
	"context"
	"crypto/sha256"
	"slices"
	"strings"
	"time"

	"github.com/los-bot/los"
)

// KeyPrefix starts every API key, so keys are told apart from
// conversation tokens (lct_) and session cookies.
const KeyPrefix = "los_"

// Scope says what an API key may do.
type Scope string

// The scopes.
const (
	ScopeChat    Scope = "chat"     // start conversations and act on the ones it started for a customer
	ScopeKBWrite Scope = "kb:write" // the article API, as an editor
	ScopeAgent   Scope = "agent"    // the agent desk API, as an agent
	ScopeAdmin   Scope = "admin"    // webhooks, keys, events; everything an admin may do
)

// Scopes lists every scope.
var Scopes = []Scope{ScopeChat, ScopeKBWrite, ScopeAgent, ScopeAdmin}

// scopeOfRole is the scope a key needs where a session needs a role.
var scopeOfRole = map[Role]Scope{RoleAgent: ScopeAgent, RoleEditor: ScopeKBWrite, RoleAdmin: ScopeAdmin}

// APIKey is a key for programs. The key itself is shown once, when it is
// created; the store keeps its SHA-256 (keys are 32 random bytes, so a
// plain hash is enough).
type APIKey struct {
	ID       int64      `json:"id"`
	Name     string     `json:"name"`
	Hint     string     `json:"hint"` // the key's first characters
	Hash     []byte     `json:"-"`
	Scopes   []Scope    `json:"scopes"`
	Created  time.Time  `json:"created"`
	LastUsed *time.Time `json:"last_used"`
	Revoked  *time.Time `json:"revoked"`
	// Expires is when the key stops working; nil: never.
	Expires *time.Time `json:"expires"`
}

// Expired reports whether the key has expired by now.
func (k *APIKey) Expired(now time.Time) bool { return k.Expires != nil && !now.Before(*k.Expires) }

// Has reports whether the key has scope s.
func (k *APIKey) Has(s Scope) bool { return slices.Contains(k.Scopes, s) }

// ParseScopes parses a comma-separated list of scopes.
func ParseScopes(s string) ([]Scope, error) {
	var out []Scope
	for f := range strings.SplitSeq(s, ",") {
		sc := Scope(strings.ToLower(strings.TrimSpace(f)))
		if sc == "" {
			continue
		}
		if !slices.Contains(Scopes, sc) {
			return nil, los.Errorf(los.EINVALID, "scope %q is unknown; use chat, kb:write, agent or admin", sc)
		}
		if !slices.Contains(out, sc) {
			out = append(out, sc)
		}
	}
	if len(out) == 0 {
		return nil, los.Errorf(los.EINVALID, "give at least one scope: chat, kb:write, agent or admin")
	}
	return out, nil
}

// NewAPIKey returns a new key and the hash to store.
func NewAPIKey() (key string, hash []byte) {
	key = KeyPrefix + RandomToken(32)
	return key, HashKey(key)
}

// HashKey returns the SHA-256 of a key, as stored.
func HashKey(key string) []byte {
	h := sha256.Sum256([]byte(key))
	return h[:]
}

// KeyStore finds API keys by hash and records their use.
type KeyStore interface {
	APIKeyByHash(ctx context.Context, hash []byte) (*APIKey, error)
	TouchAPIKey(ctx context.Context, id int64, at time.Time) error
}

var (
	errKey     = &los.Error{Code: los.EAUTH, Message: "unknown or revoked API key"}
	errExpired = &los.Error{Code: los.EAUTH, Message: "the API key has expired; create a new one (los keys create)"}
	// ErrScope refuses a key without the scope a route needs.
	ErrScope = &los.Error{Code: los.EFORBID, Message: "the API key lacks the scope for this"}
)

// IsKey reports whether an Authorization header carries an API key, and
// returns it.
func IsKey(header string) (string, bool) {
	token, ok := strings.CutPrefix(header, "Bearer ")
	token = strings.TrimSpace(token)
	return token, ok && strings.HasPrefix(token, KeyPrefix)
}

// AuthenticateKey returns the live key for key and records its use. The
// lookup is by hash, so timing reveals nothing about stored keys.
func AuthenticateKey(ctx context.Context, ks KeyStore, key string, now time.Time) (*APIKey, error) {
	if ks == nil {
		return nil, errKey
	}
	k, err := ks.APIKeyByHash(ctx, HashKey(key))
	if los.ErrorCode(err) == los.ENOTFOUND || err == nil && k.Revoked != nil {
		return nil, errKey
	}
	if err != nil {
		return nil, err
	}
	if k.Expired(now) {
		return nil, errExpired
	}
	if err := ks.TouchAPIKey(ctx, k.ID, now); err != nil {
		return nil, err
	}
	return k, nil
}

// RequireScope refuses a key without scope s with 403.
func RequireScope(k *APIKey, s Scope) error {
	if !k.Has(s) {
		return ErrScope
	}
	return nil
}

// KeyUser is who a key acts as in handlers written for signed-in users:
// a user with a negative ID (never a real user's) named after the key,
// with the most powerful role its scopes allow.
func KeyUser(k *APIKey) *User {
	u := &User{ID: -k.ID, Email: "key:" + k.Name, Created: k.Created}
	if k.Name == "" {
		u.Email = "key:" + k.Hint
	}
	for _, r := range []Role{RoleAdmin, RoleEditor, RoleAgent} {
		if k.Has(scopeOfRole[r]) {
			u.Role = r
			break
		}
	}
	return u
}

// ScopeOfRole is the scope a key needs to pass where role r may.
func ScopeOfRole(r Role) Scope { return scopeOfRole[r] }
