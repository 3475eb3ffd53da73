package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
)

// metricsHow tells operators how to give Prometheus access to /metrics.
const metricsHow = "set LOS_METRICS_TOKEN on the server (at least 16 characters, e.g. from `openssl rand -hex 32`) " +
	"and have Prometheus send it as a bearer token (authorization: credentials_file in the scrape config), " +
	"or use an API key with the admin scope or an admin session"

var (
	errMetricsNoToken = &los.Error{Code: los.EAUTH, Message: "/metrics needs credentials and no LOS_METRICS_TOKEN is set; " + metricsHow}
	errMetricsMissing = &los.Error{Code: los.EAUTH, Message: "/metrics needs credentials: send the header Authorization: Bearer $LOS_METRICS_TOKEN, " +
		"an API key with the admin scope, or sign in as an admin"}
	errMetricsToken = &los.Error{Code: los.EAUTH, Message: "wrong metrics token: it does not match LOS_METRICS_TOKEN"}
)

// metricsAuth lets through Prometheus with the bearer token
// LOS_METRICS_TOKEN (compared in constant time; not audited, as scrapes
// are frequent), an API key with the admin scope, or an admin session
// (both audited like every request by a key or an admin). Other keys and
// roles get 403, wrong or missing credentials 401.
func (s *Server) metricsAuth(next echo.HandlerFunc) echo.HandlerFunc {
	admin := Sessions(s.auth)(s.metricsSignedIn(RequireRole(auth.RoleAdmin)(next)))
	return func(c echo.Context) error {
		header := c.Request().Header.Get(echo.HeaderAuthorization)
		if _, isKey := auth.IsKey(header); isKey {
			return admin(c)
		}
		if scheme, token, _ := strings.Cut(header, " "); strings.EqualFold(scheme, "Bearer") {
			switch {
			case s.cfg.MetricsToken == "":
				return refuseMetrics(c, errMetricsNoToken)
			case !sameToken(strings.TrimSpace(token), s.cfg.MetricsToken):
				return refuseMetrics(c, errMetricsToken)
			}
			return next(c)
		}
		return admin(c)
	}
}

// metricsSignedIn answers requests with neither a key nor a session with
// how to get access.
func (s *Server) metricsSignedIn(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if UserFrom(c) != nil {
			return next(c)
		}
		if s.cfg.MetricsToken == "" {
			return refuseMetrics(c, errMetricsNoToken)
		}
		return refuseMetrics(c, errMetricsMissing)
	}
}

// refuseMetrics returns err with the challenge Prometheus expects.
func refuseMetrics(c echo.Context, err error) error {
	c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="los-metrics"`)
	return err
}

// sameToken compares in constant time; hashing first hides the length.
func sameToken(got, want string) bool {
	g, w := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(g[:], w[:]) == 1
}

// countResponses counts every response by route pattern, method and
// status class. It handles errors itself, so the status is final.
func (s *Server) countResponses(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err := next(c); err != nil {
			c.Error(err)
		}
		s.cfg.Metrics.HTTPResponse(c.Path(), c.Request().Method, c.Response().Status)
		return nil
	}
}
