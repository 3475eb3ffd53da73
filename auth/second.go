package auth

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/los-bot/los"
)

// Sign-in in two steps. Login checks the password; for a user with a
// second factor it starts a session that waits for the code
// (PendingCode), for a user whose role requires one but who has none, a
// session that may only set it up (PendingEnrol). Authenticate accepts
// neither: only SecondFactor and Enrol turn them into a full session, under
// a new token.

// pendingTTL is how long a half-signed-in session waits.
const pendingTTL = 10 * time.Minute

// requiresTOTP reports whether role r must sign in with a second factor
// (LOS_TOTP_ROLES).
func (a *Service) requiresTOTP(r Role) bool { return slices.Contains(a.TOTPRoles, r) }

// pendingFor is what a session of u waits for after the password.
func (a *Service) pendingFor(u *User) string {
	switch {
	case u.HasTOTP():
		return PendingCode
	case a.requiresTOTP(u.Role):
		return PendingEnrol
	}
	return ""
}

// Pending returns the half-signed-in session of token that waits for
// want, and its user.
func (a *Service) Pending(ctx context.Context, token, want string) (*User, *Session, error) {
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
	if s.Pending != want || u.Disabled || !a.Now().Before(s.Expires) {
		return nil, nil, ErrSession
	}
	return u, s, nil
}

// SecondFactor checks the code (a TOTP code or a recovery code) of the
// session of token, waiting for it, and starts a full session. Codes are
// throttled as passwords are, counted before they are checked.
func (a *Service) SecondFactor(ctx context.Context, token, code, client string) (string, *Session, *User, error) {
	u, s, err := a.Pending(ctx, token, PendingCode)
	if err != nil {
		return "", nil, nil, err
	}
	sf, ok := a.Store.(SecondFactors)
	if !ok {
		return "", nil, nil, errors.New("the account store keeps no second factors")
	}
	pair, source := "account:"+u.Email+"|client:"+client, "client:"+client
	if err := a.admit(ctx, pair, source); err != nil {
		return "", nil, nil, err
	}
	accepted := false
	if step, ok := TOTPStep(u.TOTPSecret, code, a.Now()); ok {
		if accepted, err = sf.UseTOTPStep(ctx, u.ID, step); err != nil {
			return "", nil, nil, err
		}
	} else if accepted, err = sf.UseRecoveryCode(ctx, u.ID, hashRecovery(code)); err != nil {
		return "", nil, nil, err
	}
	if !accepted {
		a.Log.InfoContext(ctx, "second factor failed", "client", client)
		a.auditFailure(ctx, u.Email, client)
		return "", nil, nil, errCode
	}
	a.Throttle.Reset(pair)
	a.Sources.Forgive(source)
	return a.promote(ctx, s, u)
}

// Enrol gives the user of the session of token (a full one, or one that
// waits for enrolment) the second factor secret, once code shows that
// their authenticator has it. It returns recovery codes to show once and,
// for a session that waited for enrolment, the token of a full one.
func (a *Service) Enrol(ctx context.Context, u *User, s *Session, secret, code string) (codes []string, token string, full *Session, err error) {
	sf, ok := a.Store.(SecondFactors)
	if !ok {
		return nil, "", nil, errors.New("the account store keeps no second factors")
	}
	step, ok := TOTPStep(secret, code, a.Now())
	if !ok {
		return nil, "", nil, errCode
	}
	codes, hashes := RecoveryCodes(10)
	if err := sf.SetTOTP(ctx, u.ID, secret, hashes); err != nil {
		return nil, "", nil, err
	}
	if _, err := sf.UseTOTPStep(ctx, u.ID, step); err != nil {
		return nil, "", nil, err
	}
	a.Log.InfoContext(ctx, "second factor set up", "user", u.ID)
	if s.Pending == "" {
		return codes, "", nil, nil
	}
	token, full, _, err = a.promote(ctx, s, u)
	return codes, token, full, err
}

// promote ends the half-signed-in session s and starts a full one for u.
func (a *Service) promote(ctx context.Context, s *Session, u *User) (string, *Session, *User, error) {
	if err := a.Store.DeleteSession(ctx, s.TokenHash); err != nil {
		return "", nil, nil, err
	}
	token, full, err := a.startSession(ctx, u, "")
	if err != nil {
		return "", nil, nil, err
	}
	a.Log.InfoContext(ctx, "signed in", "user", u.ID, "role", u.Role, "second_factor", true)
	return token, full, u, nil
}

// startSession stores a new session of u waiting for pending ("" for a
// full one) and returns its token.
func (a *Service) startSession(ctx context.Context, u *User, pending string) (string, *Session, error) {
	now := a.Now()
	ttl := a.TTL
	if pending != "" {
		ttl = pendingTTL
	}
	token := RandomToken(32)
	s := &Session{TokenHash: HashToken(token), UserID: u.ID, CSRF: RandomToken(32), Created: now, Expires: now.Add(ttl), Pending: pending}
	if err := a.Store.CreateSession(ctx, s); err != nil {
		return "", nil, err
	}
	return token, s, nil
}
