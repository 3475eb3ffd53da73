package web

import (
	"context"
	"net/http"
	"strings"

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
		if s.cfg.Audit == nil || u == nil || strings.Contains(route, "/assets/") || strings.Contains(route, "/static/") {
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
		if aerr := s.cfg.Audit.Audit(context.WithoutCancel(c.Request().Context()), entry); aerr != nil {
			s.cfg.Log.Error("audit log write failed", "route", route, "err", aerr)
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
