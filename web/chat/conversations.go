package chat

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/lang"
	"github.com/los-bot/los/web"
)

// api is the conversation API: what the chat and the widget call, and
// programs with a chat-scoped API key.
type api struct {
	web       *web.Server
	store     Conversations
	bot       Bot
	hub       Publisher
	live      Live
	redactor  los.Redactor
	idleClose time.Duration
	// typingSeen throttles customers' typing signals.
	typingSeen web.Throttle
}

type createConversationRequest struct {
	// Lang optionally fixes the written standard (nb, nn, en); otherwise
	// the first message decides.
	Lang string `json:"lang"`
	// Page and PageTitle are the page the chat was opened on, for the
	// agent who may take over; an address other than http(s) is left
	// out, as are its query and fragment.
	Page      string `json:"page"`
	PageTitle string `json:"page_title"`
	// Visitor is a random ID the browser keeps (16 to 64 letters, digits,
	// - or _), so agents see its earlier conversations; only a hash of it
	// is stored.
	Visitor string `json:"visitor"`
}

type createConversationResponse struct {
	ID    string `json:"id"`
	Token string `json:"token"`
	// IdleCloseSeconds is how long the conversation stays open without a
	// message while the bot holds it; 0 (left out): no limit.
	IdleCloseSeconds int `json:"idle_close_seconds,omitempty"`
}

// create: POST /api/v1/conversations starts a conversation and returns
// its token.
func (a *api) create(c echo.Context) error {
	var req createConversationRequest
	if err := web.DecodeJSON(c, &req, true); err != nil {
		return err
	}
	conv := &los.Conversation{ID: newID(), Status: los.StatusOpen}
	if req.Lang != "" {
		l, ok := lang.Parse(req.Lang)
		if !ok {
			return los.Errorf(los.EINVALID, "lang %q is not nb, nn or en", req.Lang)
		}
		conv.Lang = l
	}
	if err := a.setOrigin(conv, req); err != nil {
		return err
	}
	token, hash := newToken()
	conv.TokenHash = hash
	if k := web.KeyFrom(c); k != nil {
		conv.KeyID = k.ID
	}
	if err := a.store.CreateConversation(c.Request().Context(), conv); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, createConversationResponse{ID: conv.ID, Token: token, IdleCloseSeconds: seconds(a.idleClose)})
}

type messageRequest struct {
	Text *string `json:"text"`
}

func (a *api) postMessage(c echo.Context) error {
	var req messageRequest
	if err := web.DecodeJSON(c, &req, false); err != nil {
		return err
	}
	if req.Text == nil {
		return &los.Error{Code: los.EINVALID, Message: `body needs a "text" string`, Key: "error.empty"}
	}
	text, err := los.ValidateText(*req.Text)
	if err != nil {
		return err
	}
	conv := conversationOf(c)
	if strings.Contains(c.Request().Header.Get("Accept"), "text/event-stream") {
		return a.streamTurn(c, conv, text)
	}
	// The turn outlives a client that hangs up, so the reply is stored
	// whole; the bot's own deadlines bound it.
	ctx := context.WithoutCancel(c.Request().Context())
	res, err := a.bot.Turn(ctx, los.TurnRequest{ConversationID: conv.ID, Text: text, Page: pageLang(c),
		AcceptLanguage: c.Request().Header.Get("Accept-Language")})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

type feedbackRequest struct {
	MessageID int64  `json:"message_id"`
	Rating    int    `json:"rating"`
	Comment   string `json:"comment"`
}

func (a *api) postFeedback(c echo.Context) error {
	var req feedbackRequest
	if err := web.DecodeJSON(c, &req, false); err != nil {
		return err
	}
	if req.Rating != 1 && req.Rating != -1 {
		return los.Errorf(los.EINVALID, "rating must be 1 (helpful) or -1 (unhelpful)")
	}
	if err := a.store.RateMessage(c.Request().Context(), conversationOf(c).ID, req.MessageID, req.Rating); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"message_id": req.MessageID, "rating": req.Rating})
}

// requestHuman is the "Snakk med et menneske" button.
func (a *api) requestHuman(c echo.Context) error {
	res, err := a.bot.RequestHuman(c.Request().Context(), conversationOf(c), web.RequestLang(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

// pageLang is the standard of the page or widget a message comes from: the
// ?lang= the chat sends (its data-lang, else the browser's language).
func pageLang(c echo.Context) los.Standard {
	l, _ := lang.Parse(c.QueryParam("lang"))
	return l
}
