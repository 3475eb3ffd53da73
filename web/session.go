package web

import (
	"crypto/subtle"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
)

// Sessions and API keys meet Echo here: package auth checks passwords,
// sessions and keys; this file puts the user in the request, guards
// routes by role and CSRF token, and sets the cookies.

// Names of the cookies, header and form field.
const (
	CookieName = "los_session"
	CSRFHeader = "X-CSRF-Token"
	CSRFField  = "csrf"
	// formCookie carries the double-submit token of forms shown before
	// sign-in (the sign-in form itself).
	formCookie = "los_form"
	// pendingCookie carries a half-signed-in session: the password was
	// right, the second factor (or its enrolment) is still due.
	pendingCookie = "los_pending"
)

const (
	userKey    = "auth.user"
	sessionKey = "auth.session"
	keyKey     = "auth.key"
)

var (
	errCSRF   = &los.Error{Code: los.EFORBID, Message: "missing or wrong CSRF token; reload the page", Key: "login.csrf"}
	errForbid = &los.Error{Code: los.EFORBID, Message: "your role may not do this", Key: "login.forbidden"}
)

// Sessions recognises the session cookie and puts its user and session in
// the request context. Requests without a valid session go on without a
// user; RequireRole refuses them. A stale cookie is cleared.
//
// A request with an API key (Authorization: Bearer los_...) instead acts
// as the key's user (see keyUser) with a session without a CSRF token; an
// unknown or revoked key is refused with 401.
func Sessions(a *auth.Service) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return sessions(a, next)
	}
}

func sessions(a *auth.Service, next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if key, ok := auth.IsKey(c.Request().Header.Get(echo.HeaderAuthorization)); ok {
			k, err := auth.AuthenticateKey(c.Request().Context(), a.Keys, key, a.Now())
			if err != nil {
				return err
			}
			setKey(c, k)
			return next(c)
		}
		if ck, err := c.Cookie(CookieName); err == nil && ck.Value != "" {
			u, s, err := a.Authenticate(c.Request().Context(), ck.Value)
			switch {
			case err == nil:
				c.Set(userKey, u)
				c.Set(sessionKey, s)
			case los.ErrorCode(err) == los.EAUTH:
				ClearCookie(c)
			default:
				return err
			}
		}
		return next(c)
	}
}

// setKey makes key k the request's user (see auth.KeyUser), with a
// session without a CSRF token; the audit trail records the request.
func setKey(c echo.Context, k *auth.APIKey) {
	u := auth.KeyUser(k)
	c.Set(keyKey, k)
	c.Set(userKey, u)
	c.Set(sessionKey, &auth.Session{UserID: u.ID, Created: k.Created})
}

// CheckKey authenticates an API key (401 when unknown or revoked), makes
// it the request's user, so the audit trail records the request whatever
// its outcome, and checks that it has scope (403).
func (s *Server) CheckKey(c echo.Context, key string, scope auth.Scope) (*auth.APIKey, error) {
	k, err := auth.AuthenticateKey(c.Request().Context(), s.auth.Keys, key, s.cfg.Now())
	if err != nil {
		return nil, err
	}
	setKey(c, k)
	if err := auth.RequireScope(k, scope); err != nil {
		return nil, err
	}
	return k, nil
}

// RequireRole lets through signed-in users with one of roles. Unsafe
// methods (anything but GET, HEAD, OPTIONS) must also carry the session's
// CSRF token. Put it after Sessions.
//
// An API key passes where a session with one of roles would, when it has
// the scope of one of them (agent: agent, editor: kb:write, admin:
// admin); keys are not cookies, so they need no CSRF token.
func RequireRole(roles ...auth.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if k := KeyFrom(c); k != nil {
				for _, r := range roles {
					if k.Has(auth.ScopeOfRole(r)) {
						return next(c)
					}
				}
				return auth.ErrScope
			}
			u := UserFrom(c)
			if u == nil {
				return auth.ErrSession
			}
			if !slices.Contains(roles, u.Role) {
				return errForbid
			}
			if unsafe(c.Request().Method) {
				if err := CheckCSRF(c); err != nil {
					return err
				}
			}
			return next(c)
		}
	}
}

// CheckCSRF checks the X-CSRF-Token header (or, for HTML forms, the csrf
// field) against the session's token, and refuses requests the browser
// marks as cross-site.
func CheckCSRF(c echo.Context) error {
	s := SessionFrom(c)
	if s == nil {
		return auth.ErrSession
	}
	if crossOrigin(c) {
		return errCSRF
	}
	got := c.Request().Header.Get(CSRFHeader)
	if got == "" && isForm(c) {
		got = c.FormValue(CSRFField)
	}
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(s.CSRF)) != 1 {
		return errCSRF
	}
	return nil
}

// UserFrom returns the signed-in user, or nil.
func UserFrom(c echo.Context) *auth.User {
	u, _ := c.Get(userKey).(*auth.User)
	return u
}

// SessionFrom returns the session, or nil.
func SessionFrom(c echo.Context) *auth.Session {
	s, _ := c.Get(sessionKey).(*auth.Session)
	return s
}

// KeyFrom returns the API key a request was made with, or nil.
func KeyFrom(c echo.Context) *auth.APIKey {
	k, _ := c.Get(keyKey).(*auth.APIKey)
	return k
}

// SetCookie gives the browser the session token: HttpOnly, SameSite=Lax,
// and Secure over HTTPS (see IsHTTPS: TLS, an https LOS_PUBLIC_URL, or a
// trusted proxy that says so).
func SetCookie(c echo.Context, token string, s *auth.Session, now time.Time) {
	c.SetCookie(&http.Cookie{
		Name: CookieName, Value: token, Path: "/", Expires: s.Expires,
		MaxAge: int(s.Expires.Sub(now) / time.Second), HttpOnly: true, Secure: secure(c), SameSite: http.SameSiteLaxMode,
	})
}

// ClearCookie removes the session cookie.
func ClearCookie(c echo.Context) {
	c.SetCookie(&http.Cookie{Name: CookieName, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: secure(c), SameSite: http.SameSiteLaxMode})
}

// SetPendingCookie gives the browser the token of a session that waits
// for the second factor or its enrolment (auth.Session.Pending); only the
// sign-in pages read it.
func SetPendingCookie(c echo.Context, token string, s *auth.Session, now time.Time) {
	c.SetCookie(&http.Cookie{Name: pendingCookie, Value: token, Path: "/agent", Expires: s.Expires,
		MaxAge: int(s.Expires.Sub(now) / time.Second), HttpOnly: true, Secure: secure(c), SameSite: http.SameSiteStrictMode})
}

// PendingToken returns the half-signed-in session's token, or "".
func PendingToken(c echo.Context) string {
	if ck, err := c.Cookie(pendingCookie); err == nil {
		return ck.Value
	}
	return ""
}

// ClearPendingCookie removes the half-signed-in session's cookie.
func ClearPendingCookie(c echo.Context) {
	c.SetCookie(&http.Cookie{Name: pendingCookie, Value: "", Path: "/agent", MaxAge: -1, HttpOnly: true, Secure: secure(c), SameSite: http.SameSiteStrictMode})
}

// FormToken returns the double-submit token for a form shown before
// sign-in, setting it as a cookie when the browser has none.
func FormToken(c echo.Context) string {
	if ck, err := c.Cookie(formCookie); err == nil && len(ck.Value) >= 32 {
		return ck.Value
	}
	t := auth.RandomToken(32)
	c.SetCookie(&http.Cookie{Name: formCookie, Value: t, Path: "/", MaxAge: 12 * 3600, HttpOnly: true, Secure: secure(c), SameSite: http.SameSiteStrictMode})
	return t
}

// CheckFormToken checks that a form's csrf field matches its cookie.
func CheckFormToken(c echo.Context) error {
	ck, err := c.Cookie(formCookie)
	if err != nil || ck.Value == "" || crossOrigin(c) {
		return errCSRF
	}
	if subtle.ConstantTimeCompare([]byte(c.FormValue(CSRFField)), []byte(ck.Value)) != 1 {
		return errCSRF
	}
	return nil
}

func unsafe(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

// crossOrigin reports whether the browser marks the request as coming from
// another site (Sec-Fetch-Site, or Origin against Host): net/http's
// cross-origin protection, for the requests that carry a session.
func crossOrigin(c echo.Context) bool {
	return http.NewCrossOriginProtection().Check(c.Request()) != nil
}

func isForm(c echo.Context) bool {
	ct := c.Request().Header.Get(echo.HeaderContentType)
	return strings.HasPrefix(ct, echo.MIMEApplicationForm) || strings.HasPrefix(ct, echo.MIMEMultipartForm)
}

func secure(c echo.Context) bool { return IsHTTPS(c) }
