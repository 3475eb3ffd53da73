package agent

import (
	"context"
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
	Name  string    `json:"name,omitempty"`
	Role  auth.Role `json:"role"`
	CSRF  string    `json:"csrf"`
}

func (d *desk) me(c echo.Context) error {
	u := web.UserFrom(c)
	return c.JSON(http.StatusOK, meJSON{Email: u.Email, Name: u.Name, Role: u.Role, CSRF: web.SessionFrom(c).CSRF})
}

type statusJSON struct {
	Open         bool       `json:"open"`
	AgentsOnline int        `json:"agents_online"`
	NextOpen     *time.Time `json:"next_open,omitempty"`
}

// deskItem is a queue entry as every inbox gets it: the customer's first
// words clipped, and the key of the plain-language reason
// (agent.why.KEY). It is the same for every agent, so the feed encodes
// it once.
type deskItem struct {
	los.QueueItem
	ReasonKey string `json:"reason_key"`
}

func newDeskItem(it los.QueueItem) deskItem {
	it.FirstWords = clipWords(it.FirstWords, 140)
	if it.Signals == nil {
		it.Signals = []string{}
	}
	return deskItem{QueueItem: it, ReasonKey: reasonKey(it.Handoff)}
}

// queueItem is a queue entry for one agent.
type queueItem struct {
	deskItem
	WaitingSeconds int64 `json:"waiting_seconds"`
	Mine           bool  `json:"mine"`
}

type queueJSON struct {
	Items  []queueItem `json:"items"`
	Status statusJSON  `json:"status"`
}

// snapshot is the queue, most severe first, then longest waiting, with
// the state of the service.
func (d *desk) snapshot(c echo.Context) (queueJSON, error) {
	ctx := c.Request().Context()
	items, err := d.store.DeskQueue(ctx)
	if err != nil {
		return queueJSON{}, err
	}
	me := web.UserFrom(c).Email
	now := d.web.Now()
	out := queueJSON{Items: make([]queueItem, 0, len(items)), Status: d.status(ctx)}
	for _, it := range items {
		out.Items = append(out.Items, queueItem{deskItem: newDeskItem(it),
			WaitingSeconds: int64(now.Sub(it.Created) / time.Second), Mine: it.ClaimedBy == me})
	}
	return out, nil
}

// status is the state of the service, for the inbox's header.
func (d *desk) status(ctx context.Context) statusJSON {
	a := d.Availability(ctx)
	st := statusJSON{Open: a.Open, AgentsOnline: a.Agents}
	if !a.Next.IsZero() {
		st.NextOpen = &a.Next
	}
	return st
}

func (d *desk) queue(c echo.Context) error {
	q, err := d.snapshot(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, q)
}

type agentMessageJSON struct {
	ID         int64        `json:"id"`
	Role       los.Role     `json:"role"`
	Text       string       `json:"text"`
	Created    time.Time    `json:"created"`
	AuthorName string       `json:"author_name,omitempty"`
	Action     los.Action   `json:"action,omitempty"`
	Category   los.Category `json:"category,omitempty"`
	Signals    []string     `json:"signals,omitempty"`
	Rating     int          `json:"rating,omitempty"`
}

type agentConversationJSON struct {
	ID      string       `json:"id"`
	Lang    los.Standard `json:"lang"`
	Status  los.Status   `json:"status"`
	Created time.Time    `json:"created"`
	Handoff *los.Handoff `json:"handoff"`
	Mine    bool         `json:"mine"`
	// ReasonKey names the plain-language reason (agent.why.KEY).
	ReasonKey string `json:"reason_key"`
	// Summary is the summary as lines to read, in the agent's standard
	// when it is the extractive one; SummaryByModel says the model wrote it.
	Summary        []string `json:"summary"`
	SummaryByModel bool     `json:"summary_by_model"`
	// Why says in words what triage found (the handoff's signals).
	Why      []string           `json:"why"`
	Messages []agentMessageJSON `json:"messages"`
	Notes    []los.Note         `json:"notes"`
	Context  *contextJSON       `json:"context,omitempty"`
}

// contextJSON is what the desk knows of the customer beside the
// conversation: where the chat was opened and their earlier conversations
// from the same browser.
type contextJSON struct {
	Page      string                    `json:"page,omitempty"`
	PageTitle string                    `json:"page_title,omitempty"`
	Earlier   []los.ConversationSummary `json:"earlier"`
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
	titles, err := d.store.CitedTitles(ctx, conv.ID)
	if err != nil {
		return err
	}
	l := web.RequestLang(c)
	t := func(key string, args ...any) string { return d.web.Texts().T(l, key, args...) }
	out := agentConversationJSON{ID: conv.ID, Lang: conv.Lang, Status: conv.Status, Created: conv.Created, Handoff: h,
		Mine: h.Status == "claimed" && h.ClaimedBy == web.UserFrom(c).Email, ReasonKey: reasonKey(*h),
		Summary: summaryLines(h, msgs, titles, t), SummaryByModel: h.SummaryByModel, Why: describeSignals(h.Signals, t),
		Messages: make([]agentMessageJSON, 0, len(msgs)), Notes: []los.Note{}}
	for _, m := range msgs {
		out.Messages = append(out.Messages, agentMessageJSON{ID: m.ID, Role: m.Role, Text: m.Text, Created: m.Created,
			AuthorName: m.AuthorName, Action: m.Action, Category: m.Category, Signals: m.Signals, Rating: m.Rating})
	}
	if d.records != nil {
		if out.Notes, err = d.records.Notes(ctx, conv.ID); err != nil {
			return err
		}
		out.Context = &contextJSON{Page: conv.Page, PageTitle: conv.PageTitle}
		if out.Context.Earlier, err = d.records.EarlierConversations(ctx, conv.ID, 10); err != nil {
			return err
		}
	}
	return c.JSON(http.StatusOK, out)
}

// notice returns a customer-facing text in the conversation's standard.
func (d *desk) notice(c echo.Context, key string, args ...any) (string, error) {
	conv, err := d.store.Conversation(c.Request().Context(), c.Param("id"))
	if err != nil {
		return "", err
	}
	l := conv.Lang
	if l == "" {
		l = los.Bokmal
	}
	return d.web.Texts().T(l, key, args...), nil
}

func (d *desk) claim(c echo.Context) error {
	key, args := "notice.claimed", []any{}
	if name := web.UserFrom(c).Name; name != "" {
		key, args = "notice.claimed_named", []any{name}
	}
	text, err := d.notice(c, key, args...)
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
	return c.JSON(http.StatusCreated, agentMessageJSON{ID: m.ID, Role: m.Role, Text: m.Text, Created: m.Created, AuthorName: m.AuthorName})
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
