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
	// Throttle locks out one account from one client address after
	// repeated failures: the pair, never the account alone, so nobody
	// can lock the real user out from elsewhere.
	Throttle *Throttle
	// Sources locks out a client address after failures across accounts
	// (password spraying).
	Sources *Throttle
	// Attempts spaces out sign-in attempts per client address, right or
	// wrong, before any password is hashed.
	Attempts *Rate
	Now      func() time.Time
	Log      *slog.Logger
	// Keys finds API keys; nil when the store keeps none. New sets it when
	// the store is also a KeyStore.
	Keys KeyStore
	// Audit records failed sign-ins; nil records nothing.
	Audit Auditor
	// TOTPRoles must sign in with a second factor (LOS_TOTP_ROLES); a
	// user of another role may set one up, and then must use it.
	TOTPRoles []Role

	hashing *slots
}

// Auditor records failed sign-ins in the audit log.
type Auditor interface {
	Audit(ctx context.Context, e los.AuditEntry) error
}

// DefaultTTL is one working day and then some.
const DefaultTTL = 12 * time.Hour

// DefaultHashMemory is the memory sign-ins may hash passwords in at once
// by default: three argon2id runs of 19 MiB.
const DefaultHashMemory = 3 * HashMemory

// New returns a service with defaults: 12-hour sessions; per client
// address 10 attempts at once and one every 6 seconds after that, at most
// 10 failures per account and 30 across accounts in 15 minutes; password
// hashing in DefaultHashMemory.
func New(store Store, now func() time.Time, log *slog.Logger) *Service {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	a := &Service{Store: store, TTL: DefaultTTL, Now: now, Log: log,
		Throttle: NewThrottle(10, 15*time.Minute, now),
		Sources:  NewThrottle(30, 15*time.Minute, now),
		Attempts: NewRate(6*time.Second, 10, now),
	}
	a.SetHashMemory(DefaultHashMemory)
	a.Keys, _ = store.(KeyStore)
	return a
}

// SetHashMemory bounds the memory that sign-ins hash passwords in at once
// to budget bytes (HashSlots hashes, at least one). A sign-in that finds
// no free slot within five seconds is refused as rate-limited.
func (a *Service) SetHashMemory(budget int64) {
	a.hashing = newSlots(HashSlots(budget), 5*time.Second)
}

var (
	errLogin = &los.Error{Code: los.EAUTH, Message: "wrong e-mail address or password", Key: "login.failed"}
	errBusy  = &los.Error{Code: los.ELIMIT, Message: "too many sign-ins at once; try again in a moment", Key: "login.busy"}
	// ErrSession refuses a request without a valid session.
	ErrSession = &los.Error{Code: los.EAUTH, Message: "not signed in or the session has expired", Key: "login.expired"}
)

// Login checks an e-mail address and password and starts a session. It
// returns the session token for the cookie. client identifies the caller
// (its IP) for throttling. The session may wait for a second factor or
// for its enrolment (see Session.Pending and second.go): Authenticate
// accepts it only after SecondFactor or Enrol. A disabled user is refused
// as a wrong password is.
//
// Before any password is hashed, the attempt is taken from the client's
// bucket and counted as a failure of the account from this client and of
// the client (see Throttle.Take); a success takes the count back. Hashes
// run in a bounded number of slots (SetHashMemory).
func (a *Service) Login(ctx context.Context, email, password, client string) (string, *Session, *User, error) {
	addr, _ := NormalizeEmail(email)
	pair, source := "account:"+addr+"|client:"+client, "client:"+client
	if err := a.admit(ctx, pair, source); err != nil {
		return "", nil, nil, err
	}
	u, err := a.checkPassword(ctx, addr, password)
	if err != nil {
		if los.ErrorCode(err) == los.EAUTH {
			a.Log.InfoContext(ctx, "sign-in failed", "client", client)
			a.auditFailure(ctx, addr, client)
		}
		return "", nil, nil, err
	}
	a.Throttle.Reset(pair)
	a.Sources.Forgive(source)
	if _, err := a.Store.DeleteExpiredSessions(ctx, a.Now()); err != nil {
		a.Log.WarnContext(ctx, "could not delete expired sessions", "err", err)
	}
	pending := a.pendingFor(u)
	token, s, err := a.startSession(ctx, u, pending)
	if err != nil {
		return "", nil, nil, err
	}
	if pending == "" {
		a.Log.InfoContext(ctx, "signed in", "user", u.ID, "role", u.Role)
	}
	return token, s, u, nil
}

// admit takes the attempt from the client's bucket and counts it against
// the account from this client and against the client, refusing with
// ELIMIT when either is locked out.
func (a *Service) admit(ctx context.Context, pair, source string) error {
	if ok, wait := a.Attempts.Allow(source); !ok {
		a.Log.WarnContext(ctx, "sign-in attempts too fast", "key", source)
		return throttled(wait)
	}
	ok, wait := a.Throttle.Take(pair)
	if !ok {
		a.Log.WarnContext(ctx, "sign-in throttled", "key", pair)
		return throttled(wait)
	}
	if ok, wait = a.Sources.Take(source); !ok {
		a.Throttle.Forgive(pair)
		a.Log.WarnContext(ctx, "sign-in throttled", "key", source)
		return throttled(wait)
	}
	return nil
}

func throttled(wait time.Duration) error {
	return &los.Error{Code: los.ELIMIT, Key: "login.throttled",
		Message: fmt.Sprintf("too many sign-ins; try again in %d minutes", max(1, int(math.Ceil(wait.Minutes()))))}
}

// checkPassword returns the user with addr when password is theirs,
// hashing in one of the bounded slots. Unknown addresses cost the same
// work as known ones.
func (a *Service) checkPassword(ctx context.Context, addr, password string) (*User, error) {
	u, err := a.Store.UserByEmail(ctx, addr)
	if err != nil && los.ErrorCode(err) != los.ENOTFOUND {
		return nil, err
	}
	hash := dummyHash
	if u != nil {
		hash = u.PasswordHash
	}
	if !a.hashing.acquire(ctx) {
		return nil, errBusy
	}
	ok, err := VerifyPassword(hash, password)
	a.hashing.release()
	if err != nil {
		return nil, fmt.Errorf("verify password of %s: %w", addr, err)
	}
	if !ok || u == nil {
		return nil, errLogin
	}
	if u.Disabled {
		a.Log.InfoContext(ctx, "sign-in of a disabled user", "user", u.ID)
		return nil, errLogin
	}
	return u, nil
}

// auditFailure records a failed sign-in: the address tried (only when it
// is a user's, so a password typed in the wrong field is never kept) and
// the client. Refusals by the throttle are logged, not audited: a flood
// of them must not become a flood of writes.
func (a *Service) auditFailure(ctx context.Context, addr, client string) {
	if a.Audit == nil {
		return
	}
	actor := "(unknown address)"
	if u, err := a.Store.UserByEmail(ctx, addr); err == nil && u != nil {
		actor = u.Email
	}
	e := los.AuditEntry{Actor: actor, Role: "sign-in", Method: "POST", Route: "sign-in failed", Target: "client=" + client, Status: 401}
	if err := a.Audit.Audit(context.WithoutCancel(ctx), e); err != nil {
		a.Log.ErrorContext(ctx, "audit log write failed", "err", err)
	}
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
	if !a.Now().Before(s.Expires) || u.Disabled {
		if err := a.Store.DeleteSession(ctx, s.TokenHash); err != nil {
			a.Log.WarnContext(ctx, "could not delete expired session", "err", err)
		}
		return nil, nil, ErrSession
	}
	if s.Pending != "" {
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
