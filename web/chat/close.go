package chat

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/web"
)

// close: POST /api/v1/conversations/:id/close is "Avslutt
// samtalen": the customer ends the conversation, whoever holds it. A
// handoff still waiting or taken by an agent is closed too, and open
// inboxes learn of it. The customer is told, in a stored notice, that
// writing again starts a new conversation. Closing a closed conversation
// changes nothing. The answer is the transcript, as GET returns it.
func (a *api) close(c echo.Context) error {
	ctx := c.Request().Context()
	conv := conversationOf(c)
	notice := a.web.Texts().T(web.RequestLang(c), "web.chat.ended_customer")
	closed, err := a.store.CloseByCustomer(ctx, conv.ID, notice)
	if err != nil {
		return err
	}
	if closed {
		a.hub.Publish(hub.QueueChanged(), hub.ConversationChanged(conv.ID))
	}
	conv.Status = los.StatusClosed
	msgs, err := a.store.Messages(ctx, conv.ID)
	if err != nil {
		return err
	}
	out, err := a.transcript(ctx, conv, msgs)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}
