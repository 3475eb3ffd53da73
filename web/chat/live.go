package chat

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/web"
)

// Live lets a customer's open chat follow their own conversation.
type Live interface {
	SubscribeTo(id string) *hub.Subscriber
	Unsubscribe(s *hub.Subscriber)
}

// livePing is how often an idle stream sends a comment, which keeps
// proxies from closing it.
const livePing = 20 * time.Second

// statusJSON is a status event: where the conversation stands and, while
// an agent holds it, their display name (the name customers see).
type statusJSON struct {
	Status    los.Status `json:"status"`
	AgentName string     `json:"agent_name,omitempty"`
}

// typingEvery is how often a customer's typing is passed on.
const typingEvery = time.Second

// stream: GET /api/v1/conversations/:id/stream follows the conversation
// while a person is involved (waiting for one or talking with one), as
// server-sent events: "message" for each agent message and notice
// (taken over, handed back, closed) after the message ID in ?after=,
// "status" with the conversation's status at once and when it or its
// holder changes ({"status", "agent_name"}: the holder's display name,
// left out for none),
// and "typing" while the agent types ({"name"}: their display name, ""
// for none). The stream ends when the bot holds the conversation again
// or it has closed; the chat opens a new one after the next handoff.
func (a *api) stream(c echo.Context) error {
	ctx := c.Request().Context()
	conv := conversationOf(c)
	after, _ := strconv.ParseInt(c.QueryParam("after"), 10, 64)
	sub := a.live.SubscribeTo(conv.ID) // before reading: nothing is missed
	defer a.live.Unsubscribe(sub)
	closing := a.web.ShuttingDown(c)

	es := web.StartEventStream(c, livePing+10*time.Second)
	var (
		status    los.Status
		agentName string
	)
	// catchUp sends what is new; done is true when nobody is involved
	// any more.
	catchUp := func() (done bool, err error) {
		cur, err := a.store.Conversation(ctx, conv.ID)
		if err != nil {
			return true, err
		}
		msgs, err := a.store.Messages(ctx, conv.ID)
		if err != nil {
			return true, err
		}
		for _, m := range msgs {
			if m.ID <= after || (m.Role != los.RoleAgent && m.Role != los.RoleSystem) {
				continue
			}
			after = m.ID
			if err := es.Send("message", messageJSON{ID: m.ID, Role: m.Role, Text: m.Text, Created: m.Created, AuthorName: m.AuthorName}); err != nil {
				return true, err
			}
		}
		name := ""
		if cur.Status == los.StatusAgent {
			if name, err = a.store.HolderName(ctx, conv.ID); err != nil {
				return true, err
			}
		}
		if cur.Status != status || name != agentName {
			status, agentName = cur.Status, name
			if err := es.Send("status", statusJSON{Status: status, AgentName: agentName}); err != nil {
				return true, err
			}
		}
		return status != los.StatusWaiting && status != los.StatusAgent, nil
	}
	if err := es.Write("retry: 2000\n\n"); err != nil {
		return nil
	}
	if done, err := catchUp(); done || err != nil {
		return nil
	}
	ping := time.NewTicker(livePing)
	defer ping.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-closing:
			return nil
		case <-ping.C:
			if err := es.Write(": ping\n\n"); err != nil {
				return nil
			}
		case <-sub.Wake():
			changed := false
			for _, ch := range sub.Take() {
				switch {
				case ch.Kind == hub.Conversation:
					changed = true
				case ch.Kind == hub.Typing && strings.HasPrefix(ch.Who, "agent:"):
					if err := es.Send("typing", map[string]string{"name": strings.TrimPrefix(ch.Who, "agent:")}); err != nil {
						return nil
					}
				}
			}
			if changed {
				if done, err := catchUp(); done || err != nil {
					return nil
				}
			}
		}
	}
}

// typing: POST /api/v1/conversations/:id/typing tells the agent that the
// customer is typing, while a person is involved; otherwise it does
// nothing.
func (a *api) typing(c echo.Context) error {
	conv := conversationOf(c)
	if (conv.Status == los.StatusWaiting || conv.Status == los.StatusAgent) && a.typingSeen.Allow(conv.ID, a.web.Now(), typingEvery) {
		a.hub.Publish(hub.CustomerTyping(conv.ID))
	}
	return c.NoContent(http.StatusNoContent)
}
