package web

import (
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"

	"github.com/los-bot/los"
)

// csp allows only Los's own scripts, styles and connections. Nothing from
// the model, the knowledge base or a customer is ever executed.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"

// securityHeaders sets the headers every response carries. Responses are
// not stored by browsers or proxies unless their handler says otherwise
// (static assets, public articles): transcripts, exports, the desk, the
// editor and every API answer hold what others must not find in a cache.
// Over HTTPS (see IsHTTPS) browsers are told to use nothing else (HSTS).
func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		https := s.https(c.Request())
		c.Set(httpsKey, https)
		h := c.Response().Header()
		if https {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		h.Set(echo.HeaderCacheControl, "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if c.Path() != "/widget.js" {
			h.Set("Content-Security-Policy", csp)
			h.Set("X-Frame-Options", "DENY")
		}
		return next(c)
	}
}

// CORS lets the configured widget origins call the API; no one else.
func (s *Server) CORS() echo.MiddlewareFunc {
	if len(s.cfg.WidgetOrigins) == 0 {
		return func(next echo.HandlerFunc) echo.HandlerFunc { return next }
	}
	return middleware.CORSWithConfig(middleware.CORSConfig{
		AllowOrigins:  s.cfg.WidgetOrigins,
		AllowMethods:  []string{http.MethodGet, http.MethodPost, http.MethodDelete},
		AllowHeaders:  []string{"Authorization", "Content-Type", "Accept", "Accept-Language"},
		ExposeHeaders: []string{"Retry-After"},
		MaxAge:        600,
	})
}

// LimitIP bounds requests per client IP. Each call makes a limiter of
// its own.
func (s *Server) LimitIP() echo.MiddlewareFunc {
	return s.limiter(s.cfg.RatePerIP, int(math.Max(10, s.cfg.RatePerIP*2)), func(c echo.Context) (string, error) {
		return c.RealIP(), nil
	})
}

// LimitConversation bounds requests per conversation (the route's :id).
// Each call makes a limiter of its own.
func (s *Server) LimitConversation() echo.MiddlewareFunc {
	return s.limiter(s.cfg.RatePerConversation, int(math.Max(5, s.cfg.RatePerConversation)), func(c echo.Context) (string, error) {
		return c.Param("id"), nil
	})
}

func (s *Server) limiter(perSecond float64, burst int, id middleware.Extractor) echo.MiddlewareFunc {
	store := middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
		Rate: rate.Limit(perSecond), Burst: burst, ExpiresIn: 10 * time.Minute,
	})
	retry := fmt.Sprintf("%d", int(math.Ceil(1/perSecond)))
	return middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Store:               store,
		IdentifierExtractor: id,
		DenyHandler: func(c echo.Context, _ string, _ error) error {
			c.Response().Header().Set("Retry-After", retry)
			return &los.Error{Code: los.ELIMIT, Message: "too many requests; retry after " + retry + " s", Key: "error.rate_limited"}
		},
		ErrorHandler: func(c echo.Context, err error) error {
			return &los.Error{Code: los.EINVALID, Message: "cannot identify the client"}
		},
	})
}

// accessLog logs method, route, status and duration: never bodies, so
// customer text stays out of the logs.
func (s *Server) accessLog(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		s.cfg.Log.Debug("http", "method", c.Request().Method, "route", c.Path(), "status", c.Response().Status,
			"ms", time.Since(start).Milliseconds())
		return nil
	}
}

func (s *Server) logPanic(c echo.Context, err error, stack []byte) error {
	s.cfg.Log.Error("panic in handler", "route", c.Path(), "err", err, "stack", string(stack))
	return err
}
