// Package agent is the agents' desk: sign-in (shared by every role), the
// inbox page and its live stream, the queue of handed-over conversations,
// taking over, replying, handing back and closing, internal notes, canned
// responses, search, the customer's context, suggested replies from the
// knowledge base, typing indicators, the call-back list, and who is
// present (Staffing, which the bot asks too). Its decorators
// (NotifyTurns, NotifyHandoffs, NotifySummaries) let what the bot writes
// reach open inboxes.
package agent

import (
	"context"
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
	// Records are what agents look up beside the queue; nil: no search,
	// notes, canned responses or customer context.
	Records Records
	// Copilot suggests knowledge-base passages and drafts replies; nil:
	// no suggestions.
	Copilot Copilot
	Hub     Changes
	// Staffing knows the opening hours and records the agents present;
	// give the bot the same one. nil: the default week in Europe/Oslo.
	Staffing *Staffing
}

// Desk is what the desk reads and writes in the store: the queue of
// handoffs, the conversations in it, and the call-back list.
type Desk interface {
	// DeskQueue returns the queue, or the queued ones of ids.
	DeskQueue(ctx context.Context, ids ...string) ([]los.QueueItem, error)
	Conversation(ctx context.Context, id string) (*los.Conversation, error)
	LatestHandoff(ctx context.Context, conversationID string) (*los.Handoff, error)
	Messages(ctx context.Context, conversationID string) ([]los.Message, error)
	CitedTitles(ctx context.Context, conversationID string) (map[string]string, error)
	Claim(ctx context.Context, conversationID, agent, notice string) (*los.Handoff, error)
	AgentReply(ctx context.Context, conversationID, agent, text string) (*los.Message, error)
	HandBack(ctx context.Context, conversationID, agent, notice string) error
	CloseConversation(ctx context.Context, conversationID, agent, outcome, notice string) error
	Callbacks(ctx context.Context) ([]los.Callback, error)
	CompleteCallback(ctx context.Context, id int64, agent string) error
}

// Records are what agents look up beside the queue: conversations by
// search, a customer's earlier ones, internal notes, canned responses and
// agents' display names.
type Records interface {
	SearchConversations(ctx context.Context, q los.ConversationQuery) ([]los.ConversationSummary, error)
	EarlierConversations(ctx context.Context, id string, limit int) ([]los.ConversationSummary, error)
	AddNote(ctx context.Context, n *los.Note) error
	Notes(ctx context.Context, conversationID string) ([]los.Note, error)
	CannedResponses(ctx context.Context, l los.Standard) ([]los.CannedResponse, error)
	UserByEmail(ctx context.Context, email string) (*auth.User, error)
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
	records  Records
	copilot  Copilot
	hub      Changes
	staffing *Staffing
	pages    *agentPages
	feed     *feed
	typing   web.Throttle
}

// Routes serves the agent inbox at /agent, the sign-in page every role
// shares, and the desk's JSON API under /api/v1/agent (session cookie,
// CSRF header on unsafe methods, role agent or admin).
func Routes(s *web.Server, deps Deps) {
	d := &desk{web: s, auth: s.Auth(), store: deps.Desk, records: deps.Records, copilot: deps.Copilot, hub: deps.Hub,
		staffing: deps.Staffing, pages: mustLoadAgentPages()}
	d.feed = &feed{d: d}
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
	api.POST("/conversations/:id/typing", d.agentTyping)
	api.GET("/callbacks", d.callbacks)
	api.POST("/callbacks/:cid/done", d.completeCallback)
	if d.records != nil {
		api.GET("/conversations", d.search)
		api.POST("/conversations/:id/notes", d.addNote)
		api.GET("/canned", d.canned)
	}
	if d.copilot != nil {
		api.GET("/conversations/:id/suggestions", d.suggestions)
		api.POST("/conversations/:id/draft", d.draft)
	}
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
