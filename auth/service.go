package auth

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"time"

	"github.com/los-bot/los"
)

// Store keeps users and sessions.
type Store interface {
	UserByEmail(ctx context.Context, email string) (*User, error)
	CreateSession(ctx context.Context, s *Session) error
	// Session returns the session with tokenHash and its user.
	Session(ctx context.Context, tokenHash []byte) (*Session, *User, error)
	DeleteSession(ctx context.Context, tokenHash []byte) error
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error)
}

// Service signs users in and out and recognises their sessions.
type Service struct {
	Store Store
	// TTL is how long a session lasts from sign-in.
	TTL time.Duration
	// Throttle limits failed sign-ins per client IP and per e-mail address.
	Throttle *Throttle
	Now      func() time.Time
	Log      *slog.Logger
	// Keys finds API keys; nil when the store keeps none. New sets it when
	// the store is also a KeyStore.
	Keys KeyStore
}

// DefaultTTL is one working day and then some.
const DefaultTTL = 12 * time.Hour

// New returns a service with defaults: 12-hour sessions, and at most 10
// failed sign-ins per IP and per address in 15 minutes.
func New(store Store, now func() time.Time, log *slog.Logger) *Service {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	a := &Service{Store: store, TTL: DefaultTTL, Throttle: NewThrottle(10, 15*time.Minute, now), Now: now, Log: log}
	a.Keys, _ = store.(KeyStore)
	return a
}

var (
	errLogin = &los.Error{Code: los.EAUTH, Message: "wrong e-mail address or password", Key: "login.failed"}
	// ErrSession refuses a request without a valid session.
	ErrSession = &los.Error{Code: los.EAUTH, Message: "not signed in or the session has expired", Key: "login.expired"}
)

// Login checks an e-mail address and password and starts a session. It
// returns the session token for the cookie. client identifies the caller
// (its IP) for throttling.
func (a *Service) Login(ctx context.Context, email, password, client string) (string, *Session, *User, error) {
	addr, _ := NormalizeEmail(email)
	keys := []string{"ip:" + client, "email:" + addr}
	for _, k := range keys {
		if ok, wait := a.Throttle.Allow(k); !ok {
			a.Log.WarnContext(ctx, "sign-in throttled", "key", k)
			return "", nil, nil, &los.Error{Code: los.ELIMIT, Key: "login.throttled",
				Message: fmt.Sprintf("too many failed sign-ins; try again in %d minutes", int(math.Ceil(wait.Minutes())))}
		}
	}
	u, err := a.Store.UserByEmail(ctx, addr)
	if err != nil && los.ErrorCode(err) != los.ENOTFOUND {
		return "", nil, nil, err
	}
	hash := dummyHash
	if u != nil {
		hash = u.PasswordHash
	}
	ok, err := VerifyPassword(hash, password)
	if err != nil {
		return "", nil, nil, fmt.Errorf("verify password of %s: %w", addr, err)
	}
	if !ok || u == nil {
		for _, k := range keys {
			a.Throttle.Fail(k)
		}
		a.Log.InfoContext(ctx, "sign-in failed", "client", client)
		return "", nil, nil, errLogin
	}
	a.Throttle.Reset("email:" + addr)

	now := a.Now()
	if _, err := a.Store.DeleteExpiredSessions(ctx, now); err != nil {
		a.Log.WarnContext(ctx, "could not delete expired sessions", "err", err)
	}
	token := RandomToken(32)
	s := &Session{TokenHash: HashToken(token), UserID: u.ID, CSRF: RandomToken(32), Created: now, Expires: now.Add(a.TTL)}
	if err := a.Store.CreateSession(ctx, s); err != nil {
		return "", nil, nil, err
	}
	a.Log.InfoContext(ctx, "signed in", "user", u.ID, "role", u.Role)
	return token, s, u, nil
}

// Authenticate returns the user and session of a session token. An
// unknown or expired token is an EAUTH error; an expired session is
// deleted.
func (a *Service) Authenticate(ctx context.Context, token string) (*User, *Session, error) {
	if token == "" {
		return nil, nil, ErrSession
	}
	s, u, err := a.Store.Session(ctx, HashToken(token))
	if los.ErrorCode(err) == los.ENOTFOUND {
		return nil, nil, ErrSession
	}
	if err != nil {
		return nil, nil, err
	}
	if !a.Now().Before(s.Expires) {
		if err := a.Store.DeleteSession(ctx, s.TokenHash); err != nil {
			a.Log.WarnContext(ctx, "could not delete expired session", "err", err)
		}
		return nil, nil, ErrSession
	}
	return u, s, nil
}

// Logout ends the session of token.
func (a *Service) Logout(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	return a.Store.DeleteSession(ctx, HashToken(token))
}
