package agent

import (
	"bytes"
	"encoding/base64"
	"html/template"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/web"
)

// The second step of signing in, and setting up the second factor (TOTP):
// /agent/login/code takes the code of a session that waits for it;
// /agent/totp shows a new secret (a QR code, the otpauth:// URL and the
// secret to type) to a signed-in user, or to one whose role requires a
// second factor and who has none yet, and stores it once a code from the
// authenticator confirms it, showing the recovery codes once.

// signinPage is what code.html and totp.html see.
type signinPage struct {
	agentPage
	Secret string
	URL    template.URL // the otpauth:// URL the QR code holds
	QR     template.URL // a data: URL of the QR code's PNG
	Codes  []string     // recovery codes, shown once
	Home   string
}

// afterPassword sends a user whose password was right on: to the code
// step, to enrolment, or (no second factor) home.
func (d *desk) afterPassword(c echo.Context, token string, sess *auth.Session, u *auth.User) error {
	switch sess.Pending {
	case auth.PendingCode:
		web.SetPendingCookie(c, token, sess, d.auth.Now())
		return d.renderSignin(c, http.StatusOK, "code.html", signinPage{agentPage: d.signinBase(c, "")})
	case auth.PendingEnrol:
		web.SetPendingCookie(c, token, sess, d.auth.Now())
		return c.Redirect(http.StatusSeeOther, "/agent/totp?"+nextQuery(c))
	}
	web.SetCookie(c, token, sess, d.auth.Now())
	return c.Redirect(http.StatusSeeOther, web.Home(u, c.FormValue("next")))
}

// loginCode: POST /agent/login/code checks the second factor.
func (d *desk) loginCode(c echo.Context) error {
	if err := web.CheckFormToken(c); err != nil {
		return d.renderLogin(c, http.StatusForbidden, "", "login.csrf")
	}
	token, sess, u, err := d.auth.SecondFactor(c.Request().Context(), web.PendingToken(c), c.FormValue("code"), c.RealIP())
	switch los.ErrorCode(err) {
	case "":
	case los.EAUTH:
		if err == auth.ErrSession {
			web.ClearPendingCookie(c)
			return d.renderLogin(c, http.StatusUnauthorized, "", "login.expired")
		}
		return d.renderSignin(c, http.StatusUnauthorized, "code.html", signinPage{agentPage: d.signinBase(c, los.ErrorKey(err))})
	case los.ELIMIT:
		c.Response().Header().Set("Retry-After", "60")
		return d.renderSignin(c, http.StatusTooManyRequests, "code.html", signinPage{agentPage: d.signinBase(c, los.ErrorKey(err))})
	default:
		return err
	}
	web.ClearPendingCookie(c)
	web.SetCookie(c, token, sess, d.auth.Now())
	return c.Redirect(http.StatusSeeOther, web.Home(u, c.FormValue("next")))
}

// enrolling returns the user setting up a second factor and their
// session: a signed-in user, or one whose session waits for enrolment.
func (d *desk) enrolling(c echo.Context) (*auth.User, *auth.Session, error) {
	if u := web.UserFrom(c); u != nil && web.KeyFrom(c) == nil {
		return u, web.SessionFrom(c), nil
	}
	return d.auth.Pending(c.Request().Context(), web.PendingToken(c), auth.PendingEnrol)
}

// totpPage: GET /agent/totp shows a new secret to set up.
func (d *desk) totpPage(c echo.Context) error {
	u, _, err := d.enrolling(c)
	if err != nil {
		return web.ToLogin(c, "/agent/totp")
	}
	return d.showEnrolment(c, http.StatusOK, u, "")
}

func (d *desk) showEnrolment(c echo.Context, status int, u *auth.User, errKey string) error {
	en, err := auth.NewEnrolment(u.Email)
	if err != nil {
		return err
	}
	p := signinPage{agentPage: d.signinBase(c, errKey), Secret: en.Secret, URL: template.URL(en.URL),
		QR: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(en.QRPNG))}
	p.Email = u.Email
	return d.renderSignin(c, status, "totp.html", p)
}

// totpEnrol: POST /agent/totp {secret, code} stores the second factor
// when the code confirms it, and shows the recovery codes once.
func (d *desk) totpEnrol(c echo.Context) error {
	u, s, err := d.enrolling(c)
	if err != nil {
		return web.ToLogin(c, "/agent/totp")
	}
	if err := web.CheckFormToken(c); err != nil {
		return d.showEnrolment(c, http.StatusForbidden, u, "login.csrf")
	}
	codes, token, full, err := d.auth.Enrol(c.Request().Context(), u, s, c.FormValue("secret"), c.FormValue("code"))
	if los.ErrorCode(err) == los.EAUTH {
		return d.showEnrolment(c, http.StatusUnprocessableEntity, u, "totp.code_failed")
	}
	if err != nil {
		return err
	}
	if full != nil {
		web.ClearPendingCookie(c)
		web.SetCookie(c, token, full, d.auth.Now())
	}
	p := signinPage{agentPage: d.signinBase(c, ""), Codes: codes, Home: web.Home(u, c.FormValue("next"))}
	return d.renderSignin(c, http.StatusOK, "totp.html", p)
}

func (d *desk) signinBase(c echo.Context, errKey string) agentPage {
	p := d.page(c)
	p.CSRF = web.FormToken(c)
	p.Next = web.SafeNext(c.FormValue("next"))
	if errKey != "" {
		p.Error = p.T(errKey)
	}
	return p
}

func (d *desk) renderSignin(c echo.Context, status int, name string, p signinPage) error {
	var buf bytes.Buffer
	if err := d.pages.tmpl[name].Execute(&buf, p); err != nil {
		return err
	}
	return c.HTMLBlob(status, buf.Bytes())
}

func nextQuery(c echo.Context) string {
	q := "lang=" + string(web.RequestLang(c))
	if n := web.SafeNext(c.FormValue("next")); n != "" {
		q += "&next=" + template.URLQueryEscaper(n)
	}
	return q
}
