package chat

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/web"
)

// export sends the transcript as a text file: "Last ned
// samtalen".
func (a *api) export(c echo.Context) error {
	conv := conversationOf(c)
	msgs, err := a.store.Messages(c.Request().Context(), conv.ID)
	if err != nil {
		return err
	}
	l := web.RequestLang(c)
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s: %s\n\n", a.web.Texts().T(l, "privacy.export_title"), a.web.Texts().T(l, "privacy.export_started"),
		conv.Created.In(web.Oslo).Format("2006-01-02 15:04"))
	for _, m := range msgs {
		who := a.web.Texts().T(l, "privacy.role_"+string(m.Role))
		if m.Role == los.RoleAgent && m.AuthorName != "" {
			who = a.web.Texts().T(l, "web.chat.agent_named", m.AuthorName)
		}
		fmt.Fprintf(&b, "[%s] %s:\n%s\n", m.Created.In(web.Oslo).Format("2006-01-02 15:04"), who, m.Text)
		for i, slug := range m.Citations {
			fmt.Fprintf(&b, "  [%d] %s/artikler/%s\n", i+1, baseURL(c), slug)
		}
		b.WriteString("\n")
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="samtale-%s.txt"`, conv.ID))
	return c.Blob(http.StatusOK, "text/plain; charset=utf-8", []byte(b.String()))
}

// delete deletes the conversation now: "Slett samtalen".
func (a *api) delete(c echo.Context) error {
	id := conversationOf(c).ID
	if err := a.store.DeleteConversation(c.Request().Context(), id); err != nil {
		if los.ErrorCode(err) == los.ENOTFOUND {
			return errUnauthorized
		}
		return err
	}
	// An agent may have it in the queue or open: their inbox drops it now.
	a.hub.Publish(hub.QueueChanged(), hub.ConversationChanged(id))
	return c.NoContent(http.StatusNoContent)
}

func baseURL(c echo.Context) string {
	return web.Scheme(c) + "://" + c.Request().Host
}
