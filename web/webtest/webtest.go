// Package webtest helps test the web applications (web/chat, web/agent,
// web/editor, web/admin) against fakes: an account store that knows one
// API key, the web core over it, and requests through its handler. The
// applications' tests against the real store assemble the whole site in
// web's tests instead.
package webtest

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/web"
)

// Accounts is a fake of the users, sessions and API keys the core reads:
// each method calls its function field, and one left nil answers "not
// found" (or does nothing, for writes).
type Accounts struct {
	UserByEmailFunc           func(ctx context.Context, email string) (*auth.User, error)
	CreateSessionFunc         func(ctx context.Context, s *auth.Session) error
	SessionFunc               func(ctx context.Context, tokenHash []byte) (*auth.Session, *auth.User, error)
	DeleteSessionFunc         func(ctx context.Context, tokenHash []byte) error
	DeleteExpiredSessionsFunc func(ctx context.Context, now time.Time) (int64, error)
	APIKeyByHashFunc          func(ctx context.Context, hash []byte) (*auth.APIKey, error)
	TouchAPIKeyFunc           func(ctx context.Context, id int64, at time.Time) error
}

var (
	_ auth.Store    = (*Accounts)(nil)
	_ auth.KeyStore = (*Accounts)(nil)
)

var errNotFound = &los.Error{Code: los.ENOTFOUND, Message: "not found"}

func (a *Accounts) UserByEmail(ctx context.Context, email string) (*auth.User, error) {
	if a.UserByEmailFunc == nil {
		return nil, errNotFound
	}
	return a.UserByEmailFunc(ctx, email)
}

func (a *Accounts) CreateSession(ctx context.Context, s *auth.Session) error {
	if a.CreateSessionFunc == nil {
		return nil
	}
	return a.CreateSessionFunc(ctx, s)
}

func (a *Accounts) Session(ctx context.Context, tokenHash []byte) (*auth.Session, *auth.User, error) {
	if a.SessionFunc == nil {
		return nil, nil, errNotFound
	}
	return a.SessionFunc(ctx, tokenHash)
}

func (a *Accounts) DeleteSession(ctx context.Context, tokenHash []byte) error {
	if a.DeleteSessionFunc == nil {
		return nil
	}
	return a.DeleteSessionFunc(ctx, tokenHash)
}

func (a *Accounts) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	if a.DeleteExpiredSessionsFunc == nil {
		return 0, nil
	}
	return a.DeleteExpiredSessionsFunc(ctx, now)
}

func (a *Accounts) APIKeyByHash(ctx context.Context, hash []byte) (*auth.APIKey, error) {
	if a.APIKeyByHashFunc == nil {
		return nil, errNotFound
	}
	return a.APIKeyByHashFunc(ctx, hash)
}

func (a *Accounts) TouchAPIKey(ctx context.Context, id int64, at time.Time) error {
	if a.TouchAPIKeyFunc == nil {
		return nil
	}
	return a.TouchAPIKeyFunc(ctx, id, at)
}

// WithKey returns accounts that know one API key, named name, with
// scopes, and the key to send as "Authorization: Bearer KEY".
func WithKey(name string, scopes ...auth.Scope) (*Accounts, string) {
	key, hash := auth.NewAPIKey()
	k := &auth.APIKey{ID: 7, Name: name, Hint: key[:8], Hash: hash, Scopes: scopes}
	return &Accounts{APIKeyByHashFunc: func(_ context.Context, h []byte) (*auth.APIKey, error) {
		if !bytes.Equal(h, hash) {
			return nil, errNotFound
		}
		return k, nil
	}}, key
}

// Server is the web core over accounts, with the real texts, generous
// rate limits and a fixed clock; add an application's routes to it.
func Server(accounts auth.Store, now time.Time) *web.Server {
	return web.New(web.Config{Accounts: accounts, Now: func() time.Time { return now },
		RatePerIP: 1000, RatePerConversation: 1000})
}

// Do sends a request to h; header holds name, value pairs. A body is sent
// as JSON.
func Do(h http.Handler, method, path, body string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, bytes.NewBufferString(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// ErrFake is an error a fake returns to stand for a failing store.
var ErrFake = errors.New("fake store failure")
