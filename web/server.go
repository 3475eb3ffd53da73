// Package web serves Los over HTTP with Echo: the customer chat page and
// widget, help-centre pages, and the JSON API under /api/v1. One function
// (routes) lists every route; handlers are methods on Server.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"time"
	_ "time/tzdata" // the Oslo zone in distroless images without zoneinfo

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/hours"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/locales"
	"github.com/los-bot/los/metrics"
	"github.com/los-bot/los/store"
	"github.com/los-bot/los/webhook"
)

// oslo is the time zone customers and agents read times in.
var oslo = mustZone("Europe/Oslo")

func mustZone(name string) *time.Location {
	z, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return z
}

// Readiness reports the state of one dependency for /readyz.
type Readiness func(ctx context.Context) (state string, ok bool)

// Deps are what the server needs.
type Deps struct {
	Bot   *bot.Bot
	DB    *store.DB
	Index *kb.Index
	Texts *locales.Catalog
	Log   *slog.Logger
	// Ollama reports the model server's state; Ollama being down makes Los
	// degraded, never unready.
	Ollama Readiness
	// OllamaHosts returns the state of each Ollama host, listed by
	// /readyz (and, later, the admin page); nil: not listed.
	OllamaHosts func() []los.ModelHost
	// Staffing knows the opening hours and records the agents present;
	// give the bot the same one. nil: the default week in Europe/Oslo.
	Staffing *Staffing
	// Hub tells open inboxes what changed; give the bot's stores, wrapped
	// with NotifyTurns, NotifyHandoffs and NotifySummaries, the same one.
	// nil: a hub of the server's own.
	Hub *hub.Hub
	// Triager is the bot's, for the editor's tester to show what triage
	// makes of a question; nil: not shown.
	Triager los.Triager
	// Redactor removes identifiers from what customers write outside a
	// turn (satisfaction comments); nil: stored as written.
	Redactor los.Redactor
	// WidgetOrigins may call the API from other sites (CORS).
	WidgetOrigins []string
	// Limits; zero values take defaults.
	RatePerIP           float64 // requests per second per client IP
	RatePerConversation float64 // messages per second per conversation
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Metrics counts requests and serves /metrics; nil: no metrics.
	Metrics *metrics.Metrics
	// MetricsToken lets Prometheus read /metrics with
	// "Authorization: Bearer <token>" (LOS_METRICS_TOKEN). Admin sessions
	// and API keys with the admin scope may read it too; empty: only they.
	MetricsToken string
	// WebhookGuard checks webhook URLs when they are saved; the zero value
	// refuses internal addresses (see webhook.Guard).
	WebhookGuard webhook.Guard
	// IdleClose is how long a conversation the bot holds stays open
	// without a message (LOS_IDLE_CLOSE); the chat learns it, to ask for
	// satisfaction when the conversation has ended. 0: never closed for
	// quiet.
	IdleClose time.Duration
}

// Server is Los's HTTP server.
type Server struct {
	Deps
	echo *echo.Echo
	// auth recognises sessions and API keys; one for every area, so the
	// login throttle and key lookups are shared.
	auth *auth.Service
	// desk is the agent inbox: staffing, presence and live updates.
	desk *desk
}

// New builds the server and its routes.
func New(d Deps) *Server {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.RatePerIP == 0 {
		d.RatePerIP = 20
	}
	if d.RatePerConversation == 0 {
		d.RatePerConversation = 1
	}
	if d.Hub == nil {
		d.Hub = hub.New()
	}
	if d.Staffing == nil {
		var err error
		if d.Staffing, err = NewStaffing(nil, d.Now); err != nil {
			d.Log.Error("opening hours fall back to UTC", "err", err)
			d.Staffing, _ = NewStaffing(hours.New(hours.DefaultWeek(), time.UTC), d.Now)
		}
	}
	s := &Server{Deps: d, echo: echo.New(), auth: auth.New(d.DB, d.Now, d.Log)}
	s.echo.HideBanner = true
	s.echo.HidePort = true
	s.echo.HTTPErrorHandler = s.handleError
	// Client IPs (for rate limits) come from the connection, never from
	// headers a client can forge.
	s.echo.IPExtractor = echo.ExtractIPDirect()
	s.desk = newDesk(s)
	s.routes()
	return s
}

// Handler returns the HTTP handler.
func (s *Server) Handler() http.Handler { return s.echo }

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
		ErrorLog:          slog.NewLogLogger(s.Log.Handler(), slog.LevelWarn),
	}
}
