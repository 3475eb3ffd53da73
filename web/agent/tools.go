package agent

import (
	"net/http"
	"slices"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/hours"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/web"
)

// typingEvery is how often one person's typing is passed on: more often
// tells the other side nothing new.
const typingEvery = time.Second

// agentTyping tells the customer that the agent holding the conversation
// is typing.
func (d *desk) agentTyping(c echo.Context) error {
	id, u := c.Param("id"), web.UserFrom(c)
	h, err := d.store.LatestHandoff(c.Request().Context(), id)
	if err != nil {
		return err
	}
	if h.Status != "claimed" || h.ClaimedBy != u.Email {
		return los.Errorf(los.ECONFLICT, "take the conversation before you type in it")
	}
	if d.typing.Allow(id+"\x00"+u.Email, d.web.Now(), typingEvery) {
		d.hub.Publish(hub.AgentTyping(id, u.Name))
	}
	return c.NoContent(http.StatusNoContent)
}

type noteRequest struct {
	Text *string `json:"text"`
}

// addNote stores an internal note; other agents' open views hear of it.
func (d *desk) addNote(c echo.Context) error {
	var req noteRequest
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
	ctx := c.Request().Context()
	if _, err := d.store.LatestHandoff(ctx, c.Param("id")); err != nil {
		return err // notes go on handed-over conversations
	}
	n := &los.Note{ConversationID: c.Param("id"), Author: web.UserFrom(c).Email, Text: text}
	if err := d.records.AddNote(ctx, n); err != nil {
		return err
	}
	d.hub.Publish(hub.ConversationChanged(n.ConversationID))
	return c.JSON(http.StatusCreated, n)
}

// canned lists the canned responses, in one written standard (?lang=)
// or all.
func (d *desk) canned(c echo.Context) error {
	var l los.Standard
	if q := c.QueryParam("lang"); q != "" {
		l = los.Standard(q)
		if !slices.Contains(los.Standards, l) {
			return los.Errorf(los.EINVALID, "lang %q is not nb, nn or en", q)
		}
	}
	items, err := d.records.CannedResponses(c.Request().Context(), l)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": items})
}

// search finds handed-over conversations: ?q= text, category, status,
// agent (e-mail), mine=1 (held by the agent asking), from and to (dates,
// YYYY-MM-DD, both days included, in Norway's time zone).
func (d *desk) search(c echo.Context) error {
	q := los.ConversationQuery{Text: c.QueryParam("q"), Category: los.Category(c.QueryParam("category")),
		Status: los.Status(c.QueryParam("status")), Agent: c.QueryParam("agent")}
	if q.Category != "" && !slices.Contains(los.Categories, q.Category) {
		return los.Errorf(los.EINVALID, "category %q is unknown", q.Category)
	}
	switch q.Status {
	case "", los.StatusOpen, los.StatusWaiting, los.StatusAgent, los.StatusClosed:
	default:
		return los.Errorf(los.EINVALID, "status %q is unknown; use open, waiting, agent or closed", q.Status)
	}
	if c.QueryParam("mine") == "1" {
		q.Agent = web.UserFrom(c).Email
	}
	zone, err := time.LoadLocation(hours.Zone)
	if err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		to   *time.Time
		next bool
	}{{"from", &q.From, false}, {"to", &q.To, true}} {
		v := c.QueryParam(f.name)
		if v == "" {
			continue
		}
		day, err := time.ParseInLocation("2006-01-02", v, zone)
		if err != nil {
			return los.Errorf(los.EINVALID, "%s %q is not a date (YYYY-MM-DD)", f.name, v)
		}
		if f.next {
			day = day.AddDate(0, 0, 1)
		}
		*f.to = day
	}
	items, err := d.records.SearchConversations(c.Request().Context(), q)
	if err != nil {
		return err
	}
	for i := range items {
		items[i].FirstWords = clipWords(items[i].FirstWords, 140)
	}
	return c.JSON(http.StatusOK, map[string]any{"items": items})
}
