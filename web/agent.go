package web

import (
	"context"
	"net/http"
	"sync"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
)

// desk is the agent inbox: sign-in, the live queue, taking over, replying,
// handing back, closing, and call-back tickets.
type desk struct {
	s        *Server
	auth     *auth.Service
	staffing *Staffing
	pages    *agentPages

	// closing is closed when the HTTP server shuts down, to end the
	// inbox streams, which would otherwise hold shutdown up.
	closeOnce sync.Once
	closing   chan struct{}
	watched   sync.Map // *http.Server -> bool
}

// agentRoutes serves the agent inbox at /agent, its JSON API under
// /api/v1/agent (session cookie, CSRF header on unsafe methods, role
// agent or admin) and the customer's call-back request.
func (s *Server) agentRoutes(e *echo.Echo) {
	d := s.desk

	e.GET("/agent", d.inbox, Sessions(d.auth))
	e.GET("/agent/login", d.loginPage, Sessions(d.auth))
	e.POST("/agent/login", d.login)
	e.POST("/agent/logout", d.logout, Sessions(d.auth))
	e.GET("/agent/assets/:name", d.asset)

	api := e.Group("/api/v1/agent", Sessions(d.auth), RequireRole(auth.RoleAgent, auth.RoleAdmin), d.seen)
	api.GET("/queue", d.queue)
	api.GET("/queue/stream", d.stream)
	api.GET("/conversations/:id", d.conversation)
	api.POST("/conversations/:id/claim", d.claim)
	api.POST("/conversations/:id/messages", d.reply)
	api.POST("/conversations/:id/handback", d.handBack)
	api.POST("/conversations/:id/close", d.close)
	api.GET("/callbacks", d.callbacks)
	api.POST("/callbacks/:cid/done", d.completeCallback)
	e.GET("/api/v1/agent/me", d.me, Sessions(d.auth), RequireRole(auth.Roles...))
	e.GET("/api/v1/agent/events", d.events, Sessions(d.auth), RequireRole(auth.RoleAdmin))

	conv := e.Group("/api/v1/conversations/:id", s.cors(), s.limitIP(), s.conversationAuth)
	conv.POST("/callback", d.requestCallback, s.limitConversation())
}

func newDesk(s *Server) *desk {
	return &desk{
		s:        s,
		auth:     s.auth,
		staffing: s.Staffing,
		pages:    mustLoadAgentPages(),
		closing:  make(chan struct{}),
	}
}

// Availability says whether customer service is open and how many agents
// are present.
func (d *desk) Availability(ctx context.Context) los.Availability {
	return d.staffing.Availability(ctx)
}

// seen records that the signed-in agent is active.
func (d *desk) seen(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		d.staffing.presence.seen(UserFrom(c).ID, d.s.Now())
		return next(c)
	}
}

// shutdown returns a channel closed when the HTTP server serving c shuts
// down.
func (d *desk) shutdown(c echo.Context) <-chan struct{} {
	if hs, ok := c.Request().Context().Value(http.ServerContextKey).(*http.Server); ok {
		if _, seen := d.watched.LoadOrStore(hs, true); !seen {
			hs.RegisterOnShutdown(func() { d.closeOnce.Do(func() { close(d.closing) }) })
		}
	}
	return d.closing
}
