// Package chat serves customers: the hosted chat page, the widget other
// sites embed (/widget.js), the help centre (/artikler), and the
// conversation API under /api/v1/conversations: messages (as JSON or
// streamed), feedback, a person on request, closing, satisfaction, a
// call-back, the transcript, its export and deletion.
package chat

import (
	"context"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/web"
)

// Deps are the customer side's parts; cmd/los gives it the store, the
// bot, the index and the hub.
type Deps struct {
	Conversations Conversations
	Bot           Bot
	Articles      Articles
	Search        Searcher
	// Hub tells open inboxes what a customer changed (closing, deleting,
	// asking for a call-back, typing).
	Hub Publisher
	// Live lets the customer's chat follow the conversation while a
	// person is involved (the same hub); nil: no stream, the chat polls.
	Live Live
	// Redactor removes identifiers from what customers write outside a
	// turn (satisfaction comments); nil: stored as written.
	Redactor los.Redactor
	// IdleClose is how long a conversation the bot holds stays open
	// without a message (LOS_IDLE_CLOSE); the chat learns it, to ask for
	// satisfaction when the conversation has ended. 0: never closed for
	// quiet.
	IdleClose time.Duration
}

// Conversations is what the conversation API reads and writes in the
// store: conversations, their messages and ratings, closing, call-backs
// and satisfaction.
type Conversations interface {
	CreateConversation(ctx context.Context, c *los.Conversation) error
	Conversation(ctx context.Context, id string) (*los.Conversation, error)
	Messages(ctx context.Context, conversationID string) ([]los.Message, error)
	RateMessage(ctx context.Context, conversationID string, messageID int64, rating int) error
	CitedTitles(ctx context.Context, conversationID string) (map[string]string, error)
	CloseByCustomer(ctx context.Context, conversationID, notice string) (bool, error)
	CloseIdleConversation(ctx context.Context, id string, before time.Time) (bool, error)
	DeleteConversation(ctx context.Context, id string) error
	CreateCallback(ctx context.Context, cb *los.Callback) error
	CallbackPending(ctx context.Context, conversationID string) (bool, error)
	HolderName(ctx context.Context, conversationID string) (string, error)
	SetCSAT(ctx context.Context, c *los.CSAT) error
	CSATOf(ctx context.Context, conversationID string) (*los.CSAT, error)
}

// Bot answers customers: a turn, and a person on request.
type Bot interface {
	Turn(ctx context.Context, req los.TurnRequest) (los.Result, error)
	RequestHuman(ctx context.Context, conv *los.Conversation, l los.Standard) (los.Result, error)
}

// Publisher tells open inboxes what changed.
type Publisher interface {
	Publish(changes ...hub.Change)
}

// Articles are the help centre's articles as customers see them.
type Articles interface {
	Articles(ctx context.Context) ([]kb.Article, error)
	Article(ctx context.Context, slug string) (kb.Article, error)
}

// Searcher searches the published knowledge base.
type Searcher interface {
	Search(ctx context.Context, q string, opts kb.SearchOptions) ([]kb.Hit, error)
}

// Routes lists the customer side's routes.
func Routes(s *web.Server, d Deps) {
	a := &api{web: s, store: d.Conversations, bot: d.Bot, hub: d.Hub, live: d.Live, redactor: d.Redactor, idleClose: d.IdleClose}
	p := &pages{web: s, articles: d.Articles, search: d.Search}
	e := s.Echo()

	api := e.Group("/api/v1", s.CORS(), s.LimitIP())
	api.POST("/conversations", a.create, a.chatKey)
	conv := api.Group("/conversations/:id", a.authorize)
	conv.GET("", a.get)
	conv.POST("/messages", a.postMessage, s.LimitConversation())
	conv.POST("/feedback", a.postFeedback)
	conv.POST("/handoff", a.requestHuman)
	conv.POST("/close", a.close)
	conv.POST("/csat", a.postCSAT, s.LimitConversation())
	conv.POST("/callback", a.requestCallback, s.LimitConversation())
	conv.GET("/export", a.export)
	conv.POST("/typing", a.typing)
	if d.Live != nil {
		conv.GET("/stream", a.stream)
	}
	conv.DELETE("", a.delete)

	e.GET("/", p.chat)
	e.GET("/widget.js", p.widget)
	e.GET("/static/:name", staticAssets.Handler("name"))
	e.GET("/artikler", p.index)
	e.GET("/artikler/:slug", p.article)
	e.GET("/api/v1/locales/:lang", p.chatTexts, s.CORS())
}
