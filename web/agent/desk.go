// Package agent is the agents' desk: sign-in (shared by every role), the
// inbox page and its live stream, the queue of handed-over conversations,
// taking over, replying, handing back and closing, the call-back list,
// and who is present (Staffing, which the bot asks too). Its decorators
// (NotifyTurns, NotifyHandoffs, NotifySummaries) let what the bot writes
// reach open inboxes.
package agent

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/hours"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/web"
)

// Deps are the desk's parts; cmd/los gives it the store, the hub the bot's
// stores notify, and the staffing the bot asks.
type Deps struct {
	Desk Desk
	Hub  Changes
	// Staffing knows the opening hours and records the agents present;
	// give the bot the same one. nil: the default week in Europe/Oslo.
	Staffing *Staffing
}

// Desk is what the desk reads and writes in the store: the queue of
// handoffs, the conversations in it, and the call-back list.
type Desk interface {
	Queue(ctx context.Context) ([]los.Handoff, error)
	Conversation(ctx context.Context, id string) (*los.Conversation, error)
	LatestHandoff(ctx context.Context, conversationID string) (*los.Handoff, error)
	Messages(ctx context.Context, conversationID string) ([]los.Message, error)
	Claim(ctx context.Context, conversationID, agent, notice string) (*los.Handoff, error)
	AgentReply(ctx context.Context, conversationID, agent, text string) (*los.Message, error)
	HandBack(ctx context.Context, conversationID, agent, notice string) error
	CloseConversation(ctx context.Context, conversationID, agent, outcome, notice string) error
	Callbacks(ctx context.Context) ([]los.Callback, error)
	CompleteCallback(ctx context.Context, id int64, agent string) error
}

// Changes are the desk's news: what agents change is published, and each
// open inbox subscribes.
type Changes interface {
	Publish(changes ...hub.Change)
	Subscribe() *hub.Subscriber
	Unsubscribe(s *hub.Subscriber)
}

// desk is the agent inbox: sign-in, the live queue, taking over, replying,
// handing back, closing, and call-back tickets.
type desk struct {
	web      *web.Server
	auth     *auth.Service
	store    Desk
	hub      Changes
	staffing *Staffing
	pages    *agentPages

	// closing is closed when the HTTP server shuts down, to end the
	// inbox streams, which would otherwise hold shutdown up.
	closeOnce sync.Once
	closing   chan struct{}
	watched   sync.Map // *http.Server -> bool
}

// Routes serves the agent inbox at /agent, the sign-in page every role
// shares, and the desk's JSON API under /api/v1/agent (session cookie,
// CSRF header on unsafe methods, role agent or admin).
func Routes(s *web.Server, deps Deps) {
	d := &desk{web: s, auth: s.Auth(), store: deps.Desk, hub: deps.Hub, staffing: deps.Staffing,
		pages: mustLoadAgentPages(), closing: make(chan struct{})}
	if d.staffing == nil {
		var err error
		if d.staffing, err = NewStaffing(nil, s.Clock()); err != nil {
			s.Log().Error("opening hours fall back to UTC", "err", err)
			d.staffing, _ = NewStaffing(hours.New(hours.DefaultWeek(), time.UTC), s.Clock())
		}
	}
	e := s.Echo()
	sessions := web.Sessions(d.auth)

	e.GET("/agent", d.inbox, sessions)
	e.GET(web.LoginPath, d.loginPage, sessions)
	e.POST(web.LoginPath, d.login)
	e.POST(web.LoginPath+"/code", d.loginCode)
	e.GET("/agent/totp", d.totpPage, sessions)
	e.POST("/agent/totp", d.totpEnrol, sessions)
	e.POST("/agent/logout", d.logout, sessions)
	e.GET("/agent/assets/:name", agentAssets.Handler("name"))

	api := e.Group("/api/v1/agent", sessions, web.RequireRole(auth.RoleAgent, auth.RoleAdmin), d.seen)
	api.GET("/queue", d.queue)
	api.GET("/queue/stream", d.stream)
	api.GET("/conversations/:id", d.conversation)
	api.POST("/conversations/:id/claim", d.claim)
	api.POST("/conversations/:id/messages", d.reply)
	api.POST("/conversations/:id/handback", d.handBack)
	api.POST("/conversations/:id/close", d.close)
	api.GET("/callbacks", d.callbacks)
	api.POST("/callbacks/:cid/done", d.completeCallback)
	e.GET("/api/v1/agent/me", d.me, sessions, web.RequireRole(auth.Roles...))
}

// Availability says whether customer service is open and how many agents
// are present.
func (d *desk) Availability(ctx context.Context) los.Availability {
	return d.staffing.Availability(ctx)
}

// seen records that the signed-in agent is active.
func (d *desk) seen(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		d.staffing.presence.seen(web.UserFrom(c).ID, d.web.Now())
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
