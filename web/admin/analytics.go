package admin

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/lang"
	"github.com/los-bot/los/web"
)

// maxAnalyticsDays bounds a dashboard period.
const maxAnalyticsDays = 366

// analytics serves the admin dashboard at /admin/analytics, its CSV
// exports, and the audit log's page.
type analytics struct {
	web     *web.Server
	reports Reports
	audit   AuditLog
	pages   *analyticsPages
}

// guard sends visitors who are not signed in to the sign-in page, which
// brings them back, and refuses roles other than admin.
func (a *analytics) guard(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		u := web.UserFrom(c)
		if u == nil {
			return web.ToLogin(c, c.Request().URL.RequestURI())
		}
		if u.Role != auth.RoleAdmin {
			return &los.Error{Code: los.EFORBID, Message: "only administrators may see analytics", Key: "login.forbidden"}
		}
		return next(c)
	}
}

// period reads ?from=YYYY-MM-DD&to=YYYY-MM-DD (both days included, in
// Oslo time; the last 30 days by default) and ?standard=nb|nn|en. The
// period runs from midnight to midnight in Oslo, whatever the clocks did
// in between.
func (a *analytics) period(c echo.Context) (los.Period, error) {
	today := a.web.Now().In(web.Oslo)
	to := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, web.Oslo)
	from := to.AddDate(0, 0, -29)
	var err error
	if v := c.QueryParam("to"); v != "" {
		if to, err = time.ParseInLocation(time.DateOnly, v, web.Oslo); err != nil {
			return los.Period{}, los.Errorf(los.EINVALID, "to must be a date like 2026-11-24")
		}
		if c.QueryParam("from") == "" {
			from = to.AddDate(0, 0, -29)
		}
	}
	if v := c.QueryParam("from"); v != "" {
		if from, err = time.ParseInLocation(time.DateOnly, v, web.Oslo); err != nil {
			return los.Period{}, los.Errorf(los.EINVALID, "from must be a date like 2026-11-01")
		}
	}
	// Days are Oslo calendar days: 23 or 25 hours long when the clocks
	// change.
	end := to.AddDate(0, 0, 1)
	if !from.Before(end) || len(los.CalendarDays(from, end, web.Oslo)) > maxAnalyticsDays {
		return los.Period{}, los.Errorf(los.EINVALID, "the period must run forwards and span at most %d days", maxAnalyticsDays)
	}
	p := los.Period{From: from, To: end, Zone: web.Oslo}
	if v := c.QueryParam("standard"); v != "" {
		l, ok := lang.Parse(v)
		if !ok {
			return los.Period{}, los.Errorf(los.EINVALID, "standard must be nb, nn or en")
		}
		p.Lang = l
	}
	return p, nil
}

// dashboard: GET /admin/analytics shows the figures of a period; with
// ?format=csv&table=NAME it downloads one table as CSV.
func (a *analytics) dashboard(c echo.Context) error {
	p, err := a.period(c)
	if err != nil {
		return err
	}
	r, err := a.reports.Analytics(c.Request().Context(), p)
	if err != nil {
		return err
	}
	ui := web.RequestLang(c)
	tables := reportTables(r, a.formatter(ui))
	if c.QueryParam("format") == "csv" {
		return writeCSV(c, tables, c.QueryParam("table"), p)
	}
	return a.render(c, ui, r, tables)
}
