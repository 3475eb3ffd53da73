package editor

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/web"
)

// editorRoles may use the editor.
var editorRoles = []auth.Role{auth.RoleEditor, auth.RoleAdmin}

// guardAPI lets through signed-in editors and admins; unsafe methods must
// carry the session's CSRF token in the X-CSRF-Token header.
func (ed *editor) guardAPI() []echo.MiddlewareFunc {
	return []echo.MiddlewareFunc{web.Sessions(ed.web.Auth()), web.RequireRole(editorRoles...)}
}

// guardPage sends visitors who are not signed in to the sign-in page,
// which brings them back, and refuses other roles.
func (ed *editor) guardPage() []echo.MiddlewareFunc {
	return []echo.MiddlewareFunc{web.Sessions(ed.web.Auth()), func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			u := web.UserFrom(c)
			if u == nil {
				return web.ToLogin(c, c.Request().URL.RequestURI())
			}
			for _, r := range editorRoles {
				if u.Role == r {
					return next(c)
				}
			}
			return ed.page(editorView{name: "forbidden", nav: "forbidden"})(c)
		}
	}}
}

// editorName names the signed-in user in versions and logs.
func editorName(c echo.Context) string {
	if u := web.UserFrom(c); u != nil {
		return u.Email
	}
	return ""
}

// csrfToken is the session's token for the script's unsafe requests.
func csrfToken(c echo.Context) string {
	if s := web.SessionFrom(c); s != nil {
		return s.CSRF
	}
	return ""
}

// me: GET /api/v1/editor/me tells the signed-in editor who they are and
// the CSRF token their unsafe requests must carry.
func (ed *editor) me(c echo.Context) error {
	u := web.UserFrom(c)
	return c.JSON(http.StatusOK, map[string]string{"email": u.Email, "role": string(u.Role), "csrf": csrfToken(c)})
}
