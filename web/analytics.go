package web

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/lang"
)

// maxAnalyticsDays bounds a dashboard period.
const maxAnalyticsDays = 366

// analytics serves the admin dashboard at /admin/analytics, its CSV
// exports, and /metrics.
type analytics struct {
	s     *Server
	auth  *auth.Service
	pages *analyticsPages
}

// analyticsRoutes serves the dashboard (role admin), its stylesheet, the
// customer's CSAT answer and, when the server has metrics, /metrics and
// the counting of every response.
func (s *Server) analyticsRoutes(e *echo.Echo) {
	if s.Metrics != nil {
		e.Use(s.countResponses)
		e.GET("/metrics", echo.WrapHandler(s.Metrics.Handler()), s.metricsAuth)
	}
	a := &analytics{s: s, auth: s.auth, pages: mustLoadAnalyticsPages()}
	e.GET("/admin/analytics", a.dashboard, Sessions(a.auth), a.guard)
	e.GET("/admin/analytics/assets/:name", a.asset)
	e.GET("/admin/audit", a.auditPageHandler, Sessions(a.auth), a.guard)

	conv := e.Group("/api/v1/conversations/:id", s.cors(), s.limitIP(), s.conversationAuth)
	conv.POST("/csat", s.postCSAT, s.limitConversation())
}

// countResponses counts every response by route pattern, method and
// status class. It handles errors itself, so the status is final.
func (s *Server) countResponses(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err := next(c); err != nil {
			c.Error(err)
		}
		s.Metrics.HTTPResponse(c.Path(), c.Request().Method, c.Response().Status)
		return nil
	}
}

// guard sends visitors who are not signed in to the sign-in page, which
// brings them back, and refuses roles other than admin.
func (a *analytics) guard(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		u := UserFrom(c)
		if u == nil {
			return toLogin(c, c.Request().URL.RequestURI())
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
	today := a.s.Now().In(oslo)
	to := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, oslo)
	from := to.AddDate(0, 0, -29)
	var err error
	if v := c.QueryParam("to"); v != "" {
		if to, err = time.ParseInLocation(time.DateOnly, v, oslo); err != nil {
			return los.Period{}, los.Errorf(los.EINVALID, "to must be a date like 2026-11-24")
		}
		if c.QueryParam("from") == "" {
			from = to.AddDate(0, 0, -29)
		}
	}
	if v := c.QueryParam("from"); v != "" {
		if from, err = time.ParseInLocation(time.DateOnly, v, oslo); err != nil {
			return los.Period{}, los.Errorf(los.EINVALID, "from must be a date like 2026-11-01")
		}
	}
	// Days are Oslo calendar days: 23 or 25 hours long when the clocks
	// change.
	end := to.AddDate(0, 0, 1)
	if !from.Before(end) || len(los.CalendarDays(from, end, oslo)) > maxAnalyticsDays {
		return los.Period{}, los.Errorf(los.EINVALID, "the period must run forwards and span at most %d days", maxAnalyticsDays)
	}
	p := los.Period{From: from, To: end, Zone: oslo}
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
	r, err := a.s.DB.Analytics(c.Request().Context(), p)
	if err != nil {
		return err
	}
	ui := requestLang(c)
	tables := reportTables(r, a.formatter(ui))
	if c.QueryParam("format") == "csv" {
		return writeCSV(c, tables, c.QueryParam("table"), p)
	}
	return a.render(c, ui, r, tables)
}
