package web

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

// originWarnEvery is how often one refused origin is logged again.
const originWarnEvery = 10 * time.Minute

// maxOriginsRemembered bounds the refused origins remembered for rate
// limiting; past it, the memory starts afresh.
const maxOriginsRemembered = 1000

// refusedOrigins remembers when each refused origin was last logged.
type refusedOrigins struct {
	mu   sync.Mutex
	last map[string]time.Time
}

// due reports whether origin should be logged now, and notes it.
func (r *refusedOrigins) due(origin string, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if t, ok := r.last[origin]; ok && now.Sub(t) < originWarnEvery {
		return false
	}
	if r.last == nil || len(r.last) >= maxOriginsRemembered {
		r.last = map[string]time.Time{}
	}
	r.last[origin] = now
	return true
}

// warnRefusedOrigin wraps the CORS middleware: a request from another
// site that it did not allow (no Access-Control-Allow-Origin, so the
// browser blocks it) is logged as a warning naming the origin and
// LOS_WIDGET_ORIGINS, once per origin every ten minutes, before the
// answer leaves. Without it, a widget embedded on a site that is not
// allowed fails silently: no button, only a CORS error in the visitor's
// console.
func (s *Server) warnRefusedOrigin(cors echo.MiddlewareFunc) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		h := cors(func(c echo.Context) error {
			s.checkOrigin(c)
			return next(c)
		})
		return func(c echo.Context) error {
			if c.Request().Method != http.MethodOptions {
				return h(c)
			}
			// A preflight ends in the CORS middleware, answered.
			err := h(c)
			s.checkOrigin(c)
			return err
		}
	}
}

// checkOrigin logs a request from another site that has no CORS headers
// (see warnRefusedOrigin).
func (s *Server) checkOrigin(c echo.Context) {
	origin := c.Request().Header.Get(echo.HeaderOrigin)
	if origin == "" || c.Response().Header().Get(echo.HeaderAccessControlAllowOrigin) != "" || sameHost(origin, c.Request().Host) {
		return
	}
	if !s.refused.due(origin, s.cfg.Now()) {
		return
	}
	allowed := strings.Join(s.cfg.WidgetOrigins, ",")
	if allowed == "" {
		allowed = "(not set)"
	}
	s.cfg.Log.Warn("a site that is not allowed is using the chat widget; the browser blocks its requests: add the origin to LOS_WIDGET_ORIGINS (comma-separated) to allow it",
		"origin", origin, "LOS_WIDGET_ORIGINS", allowed, "route", c.Path())
}

// sameHost reports whether origin is the host the request was sent to:
// Los's own pages, which need no CORS.
func sameHost(origin, host string) bool {
	u, err := url.Parse(origin)
	return err == nil && u.Host != "" && strings.EqualFold(u.Host, host)
}
