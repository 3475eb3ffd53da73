package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
)

// auditTrail records every request by a signed-in person or an API key
// (agents, editors, admins, integrators): who read or changed what. Chat
// customers are not recorded: their conversation is their own. Static
// files are left out.
func (s *Server) auditTrail(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		u := UserFrom(c)
		route := c.Path()
		if u == nil || strings.Contains(route, "/assets/") || strings.Contains(route, "/static/") {
			return err
		}
		status := c.Response().Status
		if err != nil {
			// The error handler has not written yet; record what it will.
			status = statusFor(err)
		}
		var target []string
		for i, name := range c.ParamNames() {
			if v := c.ParamValues(); i < len(v) {
				target = append(target, name+"="+v[i])
			}
		}
		entry := los.AuditEntry{Actor: u.Email, Role: string(u.Role), Method: c.Request().Method, Route: route,
			Target: strings.Join(target, ","), Status: status}
		if aerr := s.DB.Audit(contextWithoutCancel(c), entry); aerr != nil {
			s.Log.Error("audit log write failed", "route", route, "err", aerr)
		}
		return err
	}
}

// statusFor is the status the error handler gives err.
func statusFor(err error) int {
	if he, ok := err.(*echo.HTTPError); ok {
		return he.Code
	}
	if st, ok := statusOf[los.ErrorCode(err)]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// auditLog lets admins read and filter the audit log:
// ?actor=&route=&target=&from=&to= (RFC 3339 or YYYY-MM-DD)&changes=true&limit=.
func (s *Server) auditLog(c echo.Context) error {
	f, err := auditFilter(c)
	if err != nil {
		return err
	}
	entries, err := s.DB.AuditLog(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": entries})
}

// auditFilter reads the audit filters from the query.
func auditFilter(c echo.Context) (los.AuditFilter, error) {
	f := los.AuditFilter{Actor: c.QueryParam("actor"), Route: c.QueryParam("route"), Target: c.QueryParam("target"),
		Changes: c.QueryParam("changes") == "true"}
	var err error
	if f.From, err = parseTime(c.QueryParam("from")); err != nil {
		return f, los.Errorf(los.EINVALID, "from: %v", err)
	}
	if f.To, err = parseTime(c.QueryParam("to")); err != nil {
		return f, los.Errorf(los.EINVALID, "to: %v", err)
	}
	if v := c.QueryParam("limit"); v != "" {
		if f.Limit, err = strconv.Atoi(v); err != nil || f.Limit < 1 || f.Limit > 1000 {
			return f, los.Errorf(los.EINVALID, "limit must be a whole number from 1 to 1000")
		}
	}
	return f, nil
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, oslo)
	if err != nil {
		return time.Time{}, los.Errorf(los.EINVALID, "%q is neither RFC 3339 nor YYYY-MM-DD", s)
	}
	return t, nil
}
