package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
)

// DecodeJSON reads a JSON body, refusing invalid UTF-8 (which encoding/json
// would silently replace) and malformed JSON with clear errors. An empty
// body is accepted when optional.
func DecodeJSON(c echo.Context, v any, optional bool) error {
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return &los.Error{Code: los.ETOOLARGE, Message: "request body is too large", Key: "error.too_long"}
		}
		return err
	}
	if len(strings.TrimSpace(string(body))) == 0 && optional {
		return nil
	}
	if !utf8.Valid(body) {
		return &los.Error{Code: los.EINVALID, Message: "request body is not valid UTF-8", Key: "error.invalid_text"}
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	if err := dec.Decode(v); err != nil {
		return los.Errorf(los.EMALFORM, "request body is not valid JSON: %v", err)
	}
	return nil
}

// Home is where a user goes after signing in: next when it is a path on
// this site, else the page of their role.
func Home(u *auth.User, next string) string {
	if n := SafeNext(next); n != "" {
		return n
	}
	if u.Role == auth.RoleEditor {
		return "/editor"
	}
	return "/agent"
}

// SafeNext returns next when it is a path on this site, else "". Any
// control character (browsers drop a TAB, CR or LF, so "/\t/evil.example"
// becomes "//evil.example", another site) and any backslash (which
// browsers read as a slash) make it unsafe, as does a scheme, a host or a
// second leading slash.
func SafeNext(next string) string {
	if len(next) > 200 || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
		return ""
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return ""
	}
	return next
}

// LoginPath is the sign-in page every role shares (the agents' desk
// serves it).
const LoginPath = "/agent/login"

// ToLogin sends a visitor who is not signed in to the shared sign-in page,
// in their language, which brings them back to next when it is set.
func ToLogin(c echo.Context, next string) error {
	q := url.Values{}
	if next != "" {
		q.Set("next", next)
	}
	if l := c.QueryParam("lang"); l != "" {
		q.Set("lang", l)
	}
	target := LoginPath
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	return c.Redirect(http.StatusSeeOther, target)
}

// LangURL is path with query in standard l: the same page, its other
// parameters kept, for the language switch.
func LangURL(path string, query url.Values, l los.Standard) string {
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	q.Set("lang", string(l))
	return path + "?" + q.Encode()
}
