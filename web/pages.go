package web

import (
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/lang"
)

// chatPrefix is the key prefix of the texts the chat script needs.
const chatPrefix = "web.chat."

// pageRoutes serves the customer pages: the hosted chat page, the widget
// and the help centre.
func (s *Server) pageRoutes(e *echo.Echo) {
	e.GET("/", s.chatPage)
	e.GET("/widget.js", s.serveWidget)
	e.GET("/static/:name", serveAssets(staticAssets, "name"))
	e.GET("/artikler", s.articles)
	e.GET("/artikler/:slug", s.article)
	e.GET("/api/v1/locales/:lang", s.chatTexts, s.cors())
}

type chatData struct {
	// Texts are the chat's texts as JSON, so the page shows the chat
	// without waiting for /api/v1/locales.
	Texts string
}

// chatPage is the hosted chat: the same script as the widget, mounted
// inline to fill the page.
func (s *Server) chatPage(c echo.Context) error {
	p := s.newPage(c, "web.page.title")
	texts, err := json.Marshal(s.Texts.Prefix(p.Lang, chatPrefix))
	if err != nil {
		return err
	}
	p.Chat = "inline"
	p.Data = chatData{Texts: string(texts)}
	return s.render(c, http.StatusOK, "chat.html", p)
}

// chatTexts returns the chat's texts in one written standard, for the
// widget on other sites and for switching standard mid-conversation.
func (s *Server) chatTexts(c echo.Context) error {
	l, ok := lang.Parse(c.Param("lang"))
	if !ok {
		return los.Errorf(los.ENOTFOUND, "no texts for %q; use nb, nn or en", c.Param("lang"))
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "public, max-age=3600")
	return c.JSON(http.StatusOK, s.Texts.Prefix(l, chatPrefix))
}
