package agent

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/web"
)

type meJSON struct {
	Email string    `json:"email"`
	Role  auth.Role `json:"role"`
	CSRF  string    `json:"csrf"`
}

func (d *desk) me(c echo.Context) error {
	u := web.UserFrom(c)
	return c.JSON(http.StatusOK, meJSON{Email: u.Email, Role: u.Role, CSRF: web.SessionFrom(c).CSRF})
}

type statusJSON struct {
	Open         bool       `json:"open"`
	AgentsOnline int        `json:"agents_online"`
	NextOpen     *time.Time `json:"next_open,omitempty"`
}

type queueItem struct {
	los.Handoff
	Lang           los.Standard `json:"lang"`
	WaitingSeconds int64        `json:"waiting_seconds"`
	Mine           bool         `json:"mine"`
}

type queueJSON struct {
	Items  []queueItem `json:"items"`
	Status statusJSON  `json:"status"`
}

// snapshot is the queue, most severe first, then longest waiting, with
// the state of the service.
func (d *desk) snapshot(c echo.Context) (queueJSON, error) {
	ctx := c.Request().Context()
	hs, err := d.store.Queue(ctx)
	if err != nil {
		return queueJSON{}, err
	}
	me := web.UserFrom(c).Email
	now := d.web.Now()
	out := queueJSON{Items: make([]queueItem, 0, len(hs))}
	for _, h := range hs {
		item := queueItem{Handoff: h, WaitingSeconds: int64(now.Sub(h.Created) / time.Second), Mine: h.ClaimedBy == me}
		if item.Signals == nil {
			item.Signals = []string{}
		}
		if conv, err := d.store.Conversation(ctx, h.ConversationID); err == nil {
			item.Lang = conv.Lang
		}
		out.Items = append(out.Items, item)
	}
	a := d.Availability(ctx)
	out.Status = statusJSON{Open: a.Open, AgentsOnline: a.Agents}
	if !a.Next.IsZero() {
		out.Status.NextOpen = &a.Next
	}
	return out, nil
}

func (d *desk) queue(c echo.Context) error {
	q, err := d.snapshot(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, q)
}

type agentMessageJSON struct {
	ID       int64        `json:"id"`
	Role     los.Role     `json:"role"`
	Text     string       `json:"text"`
	Created  time.Time    `json:"created"`
	Action   los.Action   `json:"action,omitempty"`
	Category los.Category `json:"category,omitempty"`
	Signals  []string     `json:"signals,omitempty"`
	Rating   int          `json:"rating,omitempty"`
}

type agentConversationJSON struct {
	ID       string             `json:"id"`
	Lang     los.Standard       `json:"lang"`
	Status   los.Status         `json:"status"`
	Created  time.Time          `json:"created"`
	Handoff  *los.Handoff       `json:"handoff"`
	Mine     bool               `json:"mine"`
	Messages []agentMessageJSON `json:"messages"`
}

func (d *desk) conversation(c echo.Context) error {
	ctx := c.Request().Context()
	conv, err := d.store.Conversation(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	h, err := d.store.LatestHandoff(ctx, conv.ID)
	if err != nil {
		return err // agents see handed-over conversations only
	}
	msgs, err := d.store.Messages(ctx, conv.ID)
	if err != nil {
		return err
	}
	out := agentConversationJSON{ID: conv.ID, Lang: conv.Lang, Status: conv.Status, Created: conv.Created, Handoff: h,
		Mine: h.Status == "claimed" && h.ClaimedBy == web.UserFrom(c).Email, Messages: make([]agentMessageJSON, 0, len(msgs))}
	for _, m := range msgs {
		out.Messages = append(out.Messages, agentMessageJSON{ID: m.ID, Role: m.Role, Text: m.Text, Created: m.Created,
			Action: m.Action, Category: m.Category, Signals: m.Signals, Rating: m.Rating})
	}
	return c.JSON(http.StatusOK, out)
}

// notice returns a customer-facing text in the conversation's standard.
func (d *desk) notice(c echo.Context, key string) (string, error) {
	conv, err := d.store.Conversation(c.Request().Context(), c.Param("id"))
	if err != nil {
		return "", err
	}
	l := conv.Lang
	if l == "" {
		l = los.Bokmal
	}
	return d.web.Texts().T(l, key), nil
}

func (d *desk) claim(c echo.Context) error {
	text, err := d.notice(c, "notice.claimed")
	if err != nil {
		return err
	}
	h, err := d.store.Claim(c.Request().Context(), c.Param("id"), web.UserFrom(c).Email, text)
	if err != nil {
		return err
	}
	d.hub.Publish(hub.QueueChanged(), hub.ConversationChanged(h.ConversationID))
	return c.JSON(http.StatusOK, h)
}

type replyRequest struct {
	Text *string `json:"text"`
}

func (d *desk) reply(c echo.Context) error {
	var req replyRequest
	if err := web.DecodeJSON(c, &req, false); err != nil {
		return err
	}
	if req.Text == nil {
		return los.Errorf(los.EINVALID, `body needs a "text" string`)
	}
	text, err := los.ValidateText(*req.Text)
	if err != nil {
		return err
	}
	m, err := d.store.AgentReply(c.Request().Context(), c.Param("id"), web.UserFrom(c).Email, text)
	if err != nil {
		return err
	}
	d.hub.Publish(hub.ConversationChanged(m.ConversationID))
	return c.JSON(http.StatusCreated, agentMessageJSON{ID: m.ID, Role: m.Role, Text: m.Text, Created: m.Created})
}

func (d *desk) handBack(c echo.Context) error {
	text, err := d.notice(c, "notice.handed_back")
	if err != nil {
		return err
	}
	id := c.Param("id")
	if err := d.store.HandBack(c.Request().Context(), id, web.UserFrom(c).Email, text); err != nil {
		return err
	}
	d.hub.Publish(hub.QueueChanged(), hub.ConversationChanged(id))
	return c.JSON(http.StatusOK, map[string]string{"id": id, "status": string(los.StatusOpen)})
}

type closeRequest struct {
	Outcome string `json:"outcome"`
}

func (d *desk) close(c echo.Context) error {
	var req closeRequest
	if err := web.DecodeJSON(c, &req, false); err != nil {
		return err
	}
	text, err := d.notice(c, "notice.closed")
	if err != nil {
		return err
	}
	id := c.Param("id")
	if err := d.store.CloseConversation(c.Request().Context(), id, web.UserFrom(c).Email, req.Outcome, text); err != nil {
		return err
	}
	d.hub.Publish(hub.QueueChanged(), hub.ConversationChanged(id))
	return c.JSON(http.StatusOK, map[string]string{"id": id, "status": string(los.StatusClosed), "outcome": req.Outcome})
}

func (d *desk) callbacks(c echo.Context) error {
	cbs, err := d.store.Callbacks(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": cbs})
}

func (d *desk) completeCallback(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("cid"), 10, 64)
	if err != nil {
		return los.Errorf(los.ENOTFOUND, "no call-back ticket %q", c.Param("cid"))
	}
	if err := d.store.CompleteCallback(c.Request().Context(), id, web.UserFrom(c).Email); err != nil {
		return err
	}
	d.hub.Publish(hub.CallbacksChanged())
	return c.JSON(http.StatusOK, map[string]any{"id": id, "status": "done"})
}
