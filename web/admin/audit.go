package admin

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/web"
)

// auditLog lets admins read and filter the audit log:
// ?actor=&route=&target=&from=&to= (RFC 3339 or YYYY-MM-DD)&changes=true&limit=.
func (in *integrations) auditLog(c echo.Context) error {
	f, err := auditFilter(c)
	if err != nil {
		return err
	}
	entries, err := in.audit.AuditLog(c.Request().Context(), f)
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
	t, err := time.ParseInLocation("2006-01-02", s, web.Oslo)
	if err != nil {
		return time.Time{}, los.Errorf(los.EINVALID, "%q is neither RFC 3339 nor YYYY-MM-DD", s)
	}
	return t, nil
}
