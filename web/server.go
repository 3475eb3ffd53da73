// Package web is the shared core of Los's HTTP server, built on Echo: the
// server and its timeouts, the middleware every request passes (security
// headers, body limit, access log, audit trail, response counting), one
// error mapper for JSON and server-sent events, sessions, CSRF and roles,
// API-key checks, static assets, request decoding, /healthz and /readyz,
// /metrics and the API contract.
//
// The applications live beside it, one package per kind of user, each with
// one function listing its routes: web/chat (customers: the chat, the
// widget, the help centre and the conversation API), web/agent (the
// agents' desk), web/editor (the knowledge-base editor) and web/admin
// (analytics, audit, API keys, webhooks). cmd/los builds the Server and
// hands it to each.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"time"
	_ "time/tzdata" // the Oslo zone in distroless images without zoneinfo

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/locales"
)

// Oslo is the time zone customers and agents read times in.
var Oslo = mustZone("Europe/Oslo")

func mustZone(name string) *time.Location {
	z, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return z
}

// Readiness reports the state of one dependency for /readyz.
type Readiness func(ctx context.Context) (state string, ok bool)

// Pinger is the store as /readyz checks it.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Counter is the search index as /readyz checks it.
type Counter interface {
	Len() (int, error)
}

// Auditor records requests by signed-in people and API keys.
type Auditor interface {
	Audit(ctx context.Context, e los.AuditEntry) error
}

// Metrics counts responses and serves /metrics.
type Metrics interface {
	HTTPResponse(route, method string, status int)
	Handler() http.Handler
}

// Config is what the core needs. The applications get their own parts
// from cmd/los, beside the Server.
type Config struct {
	Texts *locales.Catalog
	Log   *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Accounts keeps users and sessions, and API keys when it is also an
	// auth.KeyStore: one auth.Service over it serves every application, so
	// the sign-in throttle and key lookups are shared.
	Accounts auth.Store
	// Audit records every request by a signed-in person or an API key;
	// nil records nothing.
	Audit Auditor
	// Store and Index are checked by /readyz; unready when they fail.
	Store Pinger
	Index Counter
	// Ollama reports the model server's state; Ollama being down makes Los
	// degraded, never unready.
	Ollama Readiness
	// Translation reports Apertium (Bokmål↔Nynorsk); missing, Los quotes
	// articles untranslated. Never makes Los unready. nil: not reported.
	Translation Readiness
	// OllamaHosts returns the state of each Ollama host, listed by
	// /readyz (and the admin page); nil: not listed.
	OllamaHosts func() []los.ModelHost
	// WidgetOrigins may call the API from other sites (CORS).
	WidgetOrigins []string
	// Limits; zero values take defaults.
	RatePerIP           float64 // requests per second per client IP
	RatePerConversation float64 // messages per second per conversation
	// Metrics counts requests and serves /metrics; nil: no metrics.
	Metrics Metrics
	// MetricsToken lets Prometheus read /metrics with
	// "Authorization: Bearer <token>" (LOS_METRICS_TOKEN). Admin sessions
	// and API keys with the admin scope may read it too; empty: only they.
	MetricsToken string
	// LoginFailures, when set, counts failed sign-ins where every replica
	// counts (PostgreSQL), so throttling holds across replicas.
	LoginFailures auth.SharedFailures
	// TrustedProxies are the load balancers and reverse proxies in front
	// of Los (LOS_TRUSTED_PROXIES): requests from them give the client's
	// address in X-Forwarded-For or Forwarded, and their scheme in
	// X-Forwarded-Proto. Empty: the connection's address, and headers are
	// ignored.
	TrustedProxies []netip.Prefix
	// PublicURL is where customers and staff reach Los
	// (LOS_PUBLIC_URL); https there makes session cookies Secure and
	// turns on HSTS whatever the headers say.
	PublicURL string
	// TOTPRoles must sign in with a second factor (LOS_TOTP_ROLES).
	TOTPRoles []auth.Role
	// HashMemory bounds the memory sign-ins hash passwords in at once,
	// in bytes; 0 takes auth.DefaultHashMemory.
	HashMemory int64
}

// Server is Los's HTTP server: the core's routes and middleware, to which
// the applications add theirs.
type Server struct {
	cfg  Config
	echo *echo.Echo
	// auth recognises sessions and API keys, for every application.
	auth    *auth.Service
	streams streams
	// ownLimit are the path prefixes whose routes set their own body
	// limit (see OwnBodyLimit).
	ownLimit []string
	// closing ends event streams when the HTTP server shuts down.
	closing closing
}

// New builds the server with the core's routes.
func New(cfg Config) *Server {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Texts == nil {
		cfg.Texts = locales.MustLoad()
	}
	if cfg.RatePerIP == 0 {
		cfg.RatePerIP = 20
	}
	if cfg.RatePerConversation == 0 {
		cfg.RatePerConversation = 1
	}
	s := &Server{cfg: cfg, echo: echo.New(), auth: auth.New(cfg.Accounts, cfg.Now, cfg.Log), closing: closing{ch: make(chan struct{})}}
	s.auth.Throttle.Shared = cfg.LoginFailures
	s.auth.Sources.Shared = cfg.LoginFailures
	if cfg.HashMemory > 0 {
		s.auth.SetHashMemory(cfg.HashMemory)
	}
	if cfg.Audit != nil {
		s.auth.Audit = cfg.Audit
	}
	s.auth.TOTPRoles = cfg.TOTPRoles
	s.echo.HideBanner = true
	s.echo.HidePort = true
	s.echo.HTTPErrorHandler = s.handleError
	// Client IPs (for rate limits) come from the connection, or from
	// headers only when a trusted proxy sent them (see proxy.go).
	s.echo.IPExtractor = ipExtractor(cfg.TrustedProxies)
	s.routes()
	return s
}

// Echo is the router the applications add their routes to.
func (s *Server) Echo() *echo.Echo { return s.echo }

// Texts are the texts people read, in nb, nn and en.
func (s *Server) Texts() *locales.Catalog { return s.cfg.Texts }

// Log is the server's logger.
func (s *Server) Log() *slog.Logger { return s.cfg.Log }

// Now is the server's clock.
func (s *Server) Now() time.Time { return s.cfg.Now() }

// Clock returns the server's clock, for parts that keep one.
func (s *Server) Clock() func() time.Time { return s.cfg.Now }

// Auth signs people in and out and recognises sessions and API keys.
func (s *Server) Auth() *auth.Service { return s.auth }

// Handler returns the HTTP handler.
func (s *Server) Handler() http.Handler { return s.echo }

// Routes returns the server's routes, for tests that check every API
// route against the contract.
func (s *Server) Routes() []*echo.Route { return s.echo.Routes() }

// HTTPServer returns an *http.Server for addr with timeouts set. Streaming
// answers extend their own write deadline per event.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s.echo,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      90 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.cfg.Log.Handler(), slog.LevelWarn),
	}
}
