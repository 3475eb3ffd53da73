package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/lang"
)

var statusOf = map[los.Code]int{
	los.EMALFORM:     http.StatusBadRequest,
	los.EINVALID:     http.StatusUnprocessableEntity,
	los.ETOOLARGE:    http.StatusRequestEntityTooLarge,
	los.ENOTFOUND:    http.StatusNotFound,
	los.ECONFLICT:    http.StatusConflict,
	los.EAUTH:        http.StatusUnauthorized,
	los.EFORBID:      http.StatusForbidden,
	los.ELIMIT:       http.StatusTooManyRequests,
	los.EINTERNAL:    http.StatusInternalServerError,
	los.EUNAVAILABLE: http.StatusServiceUnavailable,
}

// ErrorBody is the API's error format.
type ErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		// Display is the message for a customer, in their written standard.
		Display string `json:"display,omitempty"`
	} `json:"error"`
}

// handleError writes err as the JSON error format with its status.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status, body := s.ErrorResponse(c, err)
	if c.Request().Method == http.MethodHead {
		c.NoContent(status)
		return
	}
	if err := c.JSON(status, body); err != nil {
		s.cfg.Log.Warn("write error response", "err", err)
	}
}

// ErrorResponse is the one mapping of errors to statuses and the API's
// error body, for JSON responses and server-sent events alike. Internal
// errors are logged once, here, and never shown: the requester reads a
// generic text in their written standard.
func (s *Server) ErrorResponse(c echo.Context, err error) (int, ErrorBody) {
	var body ErrorBody
	status := http.StatusInternalServerError
	var he *echo.HTTPError
	var be *los.Error
	switch {
	case errors.As(err, &be):
		status = statusOf[be.Code]
		body.Error.Code, body.Error.Message = string(be.Code), be.Message
		if be.Key != "" {
			body.Error.Display = s.cfg.Texts.T(RequestLang(c), be.Key)
		}
	case errors.As(err, &he):
		status = he.Code
		body.Error.Code = codeForStatus(status)
		body.Error.Message = http.StatusText(status)
		if m, ok := he.Message.(string); ok {
			body.Error.Message = m
		}
	default:
		s.cfg.Log.Error("internal error", "method", c.Request().Method, "route", c.Path(), "err", err)
		body.Error.Code, body.Error.Message = string(los.EINTERNAL), "internal error"
		body.Error.Display = s.cfg.Texts.T(RequestLang(c), "error.internal")
	}
	if status == 0 {
		status = http.StatusInternalServerError
	}
	return status, body
}

func codeForStatus(status int) string {
	for code, st := range statusOf {
		if st == status {
			return string(code)
		}
	}
	switch status {
	case http.StatusMethodNotAllowed:
		return "method_not_allowed"
	case http.StatusUnsupportedMediaType:
		return "unsupported_media_type"
	}
	return string(los.EINVALID)
}

// langKey holds the written standard a handler fixed for the request.
const langKey = "lang"

// SetRequestLang fixes the written standard of messages to the requester:
// a conversation's, once it has one.
func SetRequestLang(c echo.Context, l los.Standard) {
	if l != "" {
		c.Set(langKey, l)
	}
}

// RequestLang picks the written standard for messages to the requester:
// the conversation's, else ?lang=, else Accept-Language, else nb.
func RequestLang(c echo.Context) los.Standard {
	if l, ok := c.Get(langKey).(los.Standard); ok && l != "" {
		return l
	}
	if l, ok := lang.Parse(c.QueryParam("lang")); ok {
		return l
	}
	return lang.FromAcceptLanguage(c.Request().Header.Get("Accept-Language"))
}
