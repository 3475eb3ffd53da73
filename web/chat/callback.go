package chat

import (
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/web"
)

type callbackRequest struct {
	Name  string `json:"name"`
	Phone string `json:"phone"`
	Note  string `json:"note"`
}

type callbackResponse struct {
	ID      int64  `json:"id"`
	Message string `json:"message"`
}

// requestCallback stores a customer's wish to be phoned, as a ticket in
// the agents' call-back list. It answers in the conversation's standard.
func (a *api) requestCallback(c echo.Context) error {
	var req callbackRequest
	if err := web.DecodeJSON(c, &req, false); err != nil {
		return err
	}
	conv := conversationOf(c)
	if conv.Status == los.StatusClosed {
		return &los.Error{Code: los.ECONFLICT, Message: "conversation is closed", Key: "error.closed"}
	}
	cb, err := validCallback(req)
	if err != nil {
		return err
	}
	cb.ConversationID = conv.ID
	if err := a.store.CreateCallback(c.Request().Context(), cb); err != nil {
		return err
	}
	a.hub.Publish(hub.CallbacksChanged())
	return c.JSON(http.StatusCreated, callbackResponse{ID: cb.ID, Message: a.web.Texts().T(web.RequestLang(c), "callback.thanks", cb.Phone)})
}

func validCallback(req callbackRequest) (*los.Callback, error) {
	name := strings.Join(strings.Fields(req.Name), " ")
	if name == "" || utf8.RuneCountInString(name) > 100 {
		return nil, &los.Error{Code: los.EINVALID, Message: "name must be 1 to 100 characters", Key: "callback.invalid_name"}
	}
	phone, ok := normalizePhone(req.Phone)
	if !ok {
		return nil, &los.Error{Code: los.EINVALID, Message: "phone must be a phone number of 8 to 15 digits", Key: "callback.invalid_phone"}
	}
	note := strings.TrimSpace(req.Note)
	if utf8.RuneCountInString(note) > 1000 {
		return nil, &los.Error{Code: los.EINVALID, Message: "note must be at most 1000 characters", Key: "callback.note_too_long"}
	}
	return &los.Callback{Name: name, Phone: phone, Note: note}, nil
}

// normalizePhone accepts a phone number written with spaces, dashes,
// dots or brackets and an optional + or 00 prefix, and returns it with
// single spaces.
func normalizePhone(s string) (string, bool) {
	s = strings.TrimSpace(s)
	digits := 0
	for i, r := range s {
		switch {
		case unicode.IsDigit(r) && r < utf8.RuneSelf:
			digits++
		case r == '+' && i == 0, r == ' ', r == '-', r == '.', r == '(', r == ')':
		default:
			return "", false
		}
	}
	if digits < 8 || digits > 15 {
		return "", false
	}
	return strings.Join(strings.Fields(s), " "), true
}
