package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
)

// loginPage shows the sign-in form, in the standard of ?lang= or the
// browser's Accept-Language.
func (d *desk) loginPage(c echo.Context) error {
	if u := UserFrom(c); u != nil {
		return c.Redirect(http.StatusSeeOther, home(u, c.QueryParam("next")))
	}
	return d.renderLogin(c, http.StatusOK, "", "")
}

func (d *desk) renderLogin(c echo.Context, status int, email, errKey string) error {
	p := d.page(c)
	p.CSRF = FormToken(c)
	p.Email = email
	p.Next = safeNext(c.FormValue("next"))
	if errKey != "" {
		p.Error = p.T(errKey)
	}
	return d.render(c, status, "login.html", p)
}

// login checks the form (double-submit token), the password and the
// throttle, then sets the session cookie and sends the user on.
func (d *desk) login(c echo.Context) error {
	email := strings.TrimSpace(c.FormValue("email"))
	if err := CheckFormToken(c); err != nil {
		return d.renderLogin(c, http.StatusForbidden, email, "login.csrf")
	}
	token, sess, u, err := d.auth.Login(c.Request().Context(), email, c.FormValue("password"), c.RealIP())
	switch los.ErrorCode(err) {
	case "":
	case los.EAUTH:
		return d.renderLogin(c, http.StatusUnauthorized, email, "login.failed")
	case los.ELIMIT:
		return d.renderLogin(c, http.StatusTooManyRequests, email, "login.throttled")
	default:
		return err
	}
	SetCookie(c, token, sess, d.auth.Now())
	return c.Redirect(http.StatusSeeOther, home(u, c.FormValue("next")))
}

func (d *desk) logout(c echo.Context) error {
	if SessionFrom(c) != nil {
		if err := CheckCSRF(c); err != nil {
			return err
		}
		if ck, err := c.Cookie(CookieName); err == nil {
			if err := d.auth.Logout(c.Request().Context(), ck.Value); err != nil {
				return err
			}
		}
	}
	ClearCookie(c)
	return c.Redirect(http.StatusSeeOther, "/agent/login")
}

// inbox is the agent's page; the script does the rest through the API.
func (d *desk) inbox(c echo.Context) error {
	u := UserFrom(c)
	if u == nil {
		return toLogin(c, "")
	}
	p := d.page(c)
	p.Email = u.Email
	p.CSRF = SessionFrom(c).CSRF
	if u.Role != auth.RoleAgent && u.Role != auth.RoleAdmin {
		p.Error = p.T("login.forbidden")
		return d.render(c, http.StatusForbidden, "login.html", p)
	}
	p.Texts = d.s.Texts.Prefix(p.Lang, "agent.")
	return d.render(c, http.StatusOK, "inbox.html", p)
}

// home is where a user goes after signing in: next when it is a path on
// this site, else the page of their role.
func home(u *auth.User, next string) string {
	if n := safeNext(next); n != "" {
		return n
	}
	if u.Role == auth.RoleEditor {
		return "/editor"
	}
	return "/agent"
}

// safeNext returns next when it is a local path, else "".
func safeNext(next string) string {
	if len(next) > 200 || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return ""
	}
	return next
}

// toLogin sends a visitor who is not signed in to the shared sign-in page,
// in their language, which brings them back to next when it is set.
func toLogin(c echo.Context, next string) error {
	q := url.Values{}
	if next != "" {
		q.Set("next", next)
	}
	if l := c.QueryParam("lang"); l != "" {
		q.Set("lang", l)
	}
	target := "/agent/login"
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	return c.Redirect(http.StatusSeeOther, target)
}
