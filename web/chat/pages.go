package chat

import (
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/lang"
	"github.com/los-bot/los/web"
)

// chatPrefix is the key prefix of the texts the chat script needs.
const chatPrefix = "web.chat."

// pages are the customer's pages: the hosted chat, the widget and the
// help centre.
type pages struct {
	web      *web.Server
	articles Articles
	search   Searcher
}

type chatData struct {
	// Texts are the chat's texts as JSON, so the page shows the chat
	// without waiting for /api/v1/locales.
	Texts string
}

// chat is the hosted chat: the same script as the widget, mounted
// inline to fill the page.
func (p *pages) chat(c echo.Context) error {
	pg := p.newPage(c, "web.page.title")
	texts, err := json.Marshal(p.web.Texts().Prefix(pg.Lang, chatPrefix))
	if err != nil {
		return err
	}
	pg.Chat = "inline"
	pg.Data = chatData{Texts: string(texts)}
	return p.render(c, http.StatusOK, "chat.html", pg)
}

// chatTexts returns the chat's texts in one written standard, for the
// widget on other sites and for switching standard mid-conversation.
func (p *pages) chatTexts(c echo.Context) error {
	l, ok := lang.Parse(c.Param("lang"))
	if !ok {
		return los.Errorf(los.ENOTFOUND, "no texts for %q; use nb, nn or en", c.Param("lang"))
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "public, max-age=3600")
	return c.JSON(http.StatusOK, p.web.Texts().Prefix(l, chatPrefix))
}
