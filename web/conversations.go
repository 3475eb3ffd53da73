package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/lang"
)

type createConversationRequest struct {
	// Lang optionally fixes the written standard (nb, nn, en); otherwise
	// the first message decides.
	Lang string `json:"lang"`
}

type createConversationResponse struct {
	ID    string `json:"id"`
	Token string `json:"token"`
	// IdleCloseSeconds is how long the conversation stays open without a
	// message while the bot holds it; 0 (left out): no limit.
	IdleCloseSeconds int `json:"idle_close_seconds,omitempty"`
}

func (s *Server) createConversation(c echo.Context) error {
	var req createConversationRequest
	if err := decodeJSON(c, &req, true); err != nil {
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
	token, hash := newToken()
	conv.TokenHash = hash
	if err := s.DB.CreateConversation(c.Request().Context(), conv); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, createConversationResponse{ID: conv.ID, Token: token, IdleCloseSeconds: seconds(s.IdleClose)})
}

type messageRequest struct {
	Text *string `json:"text"`
}

func (s *Server) postMessage(c echo.Context) error {
	var req messageRequest
	if err := decodeJSON(c, &req, false); err != nil {
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
		return s.streamTurn(c, conv, text)
	}
	// The turn outlives a client that hangs up, so the reply is stored
	// whole; the bot's own deadlines bound it.
	ctx := contextWithoutCancel(c)
	res, err := s.Bot.Turn(ctx, los.TurnRequest{ConversationID: conv.ID, Text: text, Page: pageLang(c),
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

func (s *Server) postFeedback(c echo.Context) error {
	var req feedbackRequest
	if err := decodeJSON(c, &req, false); err != nil {
		return err
	}
	if req.Rating != 1 && req.Rating != -1 {
		return los.Errorf(los.EINVALID, "rating must be 1 (helpful) or -1 (unhelpful)")
	}
	if err := s.DB.RateMessage(c.Request().Context(), conversationOf(c).ID, req.MessageID, req.Rating); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"message_id": req.MessageID, "rating": req.Rating})
}

// requestHandoff is the "Snakk med et menneske" button.
func (s *Server) requestHandoff(c echo.Context) error {
	res, err := s.Bot.RequestHuman(c.Request().Context(), conversationOf(c), requestLang(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

// decodeJSON reads a JSON body, refusing invalid UTF-8 (which encoding/json
// would silently replace) and malformed JSON with clear errors. An empty
// body is accepted when optional.
func decodeJSON(c echo.Context, v any, optional bool) error {
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return &los.Error{Code: los.ETOOLARGE, Message: "request body is too large", Key: "error.too_long"}
		}
		return err
	}
	if len(strings.TrimSpace(string(body))) == 0 && optional {
		return nil
	}
	if !utf8.Valid(body) {
		return &los.Error{Code: los.EINVALID, Message: "request body is not valid UTF-8", Key: "error.invalid_text"}
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	if err := dec.Decode(v); err != nil {
		return los.Errorf(los.EMALFORM, "request body is not valid JSON: %v", err)
	}
	return nil
}

// pageLang is the standard of the page or widget a message comes from: the
// ?lang= the chat sends (its data-lang, else the browser's language).
func pageLang(c echo.Context) los.Standard {
	l, _ := lang.Parse(c.QueryParam("lang"))
	return l
}
