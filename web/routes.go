package web

import (
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// maxBody bounds request bodies; a 4,000-character message in JSON fits
// many times over. Routes that take more say so (OwnBodyLimit).
const maxBody = "64K"

// routes lists the core's middleware, in the order requests pass it, and
// its routes. The applications add theirs (chat.Routes, agent.Routes,
// editor.Routes, admin.Routes).
func (s *Server) routes() {
	e := s.echo
	e.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{RedirectCode: 0}))
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{DisableStackAll: true, LogErrorFunc: s.logPanic}))
	e.Use(s.securityHeaders)
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: maxBody, Skipper: s.skipBodyLimit}))
	e.Use(s.accessLog)
	e.Use(s.auditTrail)
	if s.cfg.Metrics != nil {
		e.Use(s.countResponses)
		e.GET("/metrics", echo.WrapHandler(s.cfg.Metrics.Handler()), s.metricsAuth)
	}

	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)

	e.GET("/api/v1/openapi.json", s.openAPI)
	e.GET("/api/docs", s.apiDocs)
	e.GET("/api/docs/assets/:name", s.apiDocsAsset)
}

// OwnBodyLimit exempts the routes under the path prefixes from the
// server-wide body limit: they set their own (the editor's articles and
// uploads).
func (s *Server) OwnBodyLimit(prefixes ...string) {
	s.ownLimit = append(s.ownLimit, prefixes...)
}

func (s *Server) skipBodyLimit(c echo.Context) bool {
	p := c.Path()
	for _, prefix := range s.ownLimit {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return false
}
