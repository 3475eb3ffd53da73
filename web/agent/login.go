package agent

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/web"
)

// loginPage shows the sign-in form, in the standard of ?lang= or the
// browser's Accept-Language.
func (d *desk) loginPage(c echo.Context) error {
	if u := web.UserFrom(c); u != nil {
		return c.Redirect(http.StatusSeeOther, web.Home(u, c.QueryParam("next")))
	}
	return d.renderLogin(c, http.StatusOK, "", "")
}

func (d *desk) renderLogin(c echo.Context, status int, email, errKey string) error {
	p := d.page(c)
	p.CSRF = web.FormToken(c)
	p.Email = email
	p.Next = web.SafeNext(c.FormValue("next"))
	if errKey != "" {
		p.Error = p.T(errKey)
	}
	return d.render(c, status, "login.html", p)
}

// login checks the form (double-submit token), the password and the
// throttle, then sets the session cookie and sends the user on.
func (d *desk) login(c echo.Context) error {
	email := strings.TrimSpace(c.FormValue("email"))
	if err := web.CheckFormToken(c); err != nil {
		return d.renderLogin(c, http.StatusForbidden, email, "login.csrf")
	}
	token, sess, u, err := d.auth.Login(c.Request().Context(), email, c.FormValue("password"), c.RealIP())
	switch los.ErrorCode(err) {
	case "":
	case los.EAUTH:
		return d.renderLogin(c, http.StatusUnauthorized, email, "login.failed")
	case los.ELIMIT:
		c.Response().Header().Set("Retry-After", "60")
		return d.renderLogin(c, http.StatusTooManyRequests, email, los.ErrorKey(err))
	default:
		return err
	}
	return d.afterPassword(c, token, sess, u)
}

func (d *desk) logout(c echo.Context) error {
	if web.SessionFrom(c) != nil {
		if err := web.CheckCSRF(c); err != nil {
			return err
		}
		if ck, err := c.Cookie(web.CookieName); err == nil {
			if err := d.auth.Logout(c.Request().Context(), ck.Value); err != nil {
				return err
			}
		}
	}
	web.ClearCookie(c)
	return c.Redirect(http.StatusSeeOther, "/agent/login")
}

// inbox is the agent's page; the script does the rest through the API.
func (d *desk) inbox(c echo.Context) error {
	u := web.UserFrom(c)
	if u == nil {
		return web.ToLogin(c, "")
	}
	p := d.page(c)
	p.Email, p.Name = u.Email, u.Name
	p.CSRF = web.SessionFrom(c).CSRF
	if u.Role != auth.RoleAgent && u.Role != auth.RoleAdmin {
		p.Error = p.T("login.forbidden")
		return d.render(c, http.StatusForbidden, "login.html", p)
	}
	p.Texts = d.web.Texts().Prefix(p.Lang, "agent.")
	return d.render(c, http.StatusOK, "inbox.html", p)
}
