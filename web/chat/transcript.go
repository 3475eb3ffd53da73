package chat

import (
	"context"
	"math"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
)

type messageJSON struct {
	ID        int64        `json:"id"`
	Role      los.Role     `json:"role"`
	Text      string       `json:"text"`
	Created   time.Time    `json:"created"`
	Mode      los.Mode     `json:"mode,omitempty"`
	Action    los.Action   `json:"action,omitempty"`
	Category  los.Category `json:"category,omitempty"`
	Citations []string     `json:"citations,omitempty"`
	// Sources are the cited articles with their titles, in the order of
	// Citations; an article deleted since is left out.
	Sources []citation `json:"sources,omitempty"`
	Rating  int        `json:"rating,omitempty"`
	// AuthorName is the display name of the agent who wrote an agent
	// message; left out when they had none.
	AuthorName string `json:"author_name,omitempty"`
}

// transcriptJSON is a conversation as its customer sees it, with what the
// chat needs to pick up where it was after a reload.
type transcriptJSON struct {
	ID       string        `json:"id"`
	Lang     string        `json:"lang"`
	Status   los.Status    `json:"status"`
	Created  time.Time     `json:"created"`
	Messages []messageJSON `json:"messages"`
	// IdleCloseSeconds is how long a conversation the bot holds stays
	// open without a message; ClosesInSeconds how long this one has left,
	// while the bot holds it and someone wrote in it.
	IdleCloseSeconds int `json:"idle_close_seconds,omitempty"`
	ClosesInSeconds  int `json:"closes_in_seconds,omitempty"`
	// CallbackOffered: the conversation waits for a person, a call-back
	// was offered because nobody could take over, and the customer has
	// not asked for one since.
	CallbackOffered bool `json:"callback_offered"`
	// CSATAnswered: the customer has said how satisfied they are.
	CSATAnswered bool `json:"csat_answered"`
	// AgentName is the display name of the agent who holds the
	// conversation (status agent); left out when they have none.
	AgentName string `json:"agent_name,omitempty"`
}

// get: GET /api/v1/conversations/:id returns the transcript
// and state. A conversation the bot holds that has been quiet longer than
// IdleClose is closed here, as the idle job would, so the customer learns
// it has ended as soon as they look.
func (a *api) get(c echo.Context) error {
	ctx := c.Request().Context()
	conv := conversationOf(c)
	msgs, err := a.store.Messages(ctx, conv.ID)
	if err != nil {
		return err
	}
	if err := a.closeIfIdle(ctx, conv, len(msgs) > 0, a.web.Now()); err != nil {
		return err
	}
	out, err := a.transcript(ctx, conv, msgs)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// transcript is conv with its messages msgs as its customer sees it.
func (a *api) transcript(ctx context.Context, conv *los.Conversation, msgs []los.Message) (*transcriptJSON, error) {
	now := a.web.Now()
	titles, err := a.store.CitedTitles(ctx, conv.ID)
	if err != nil {
		return nil, err
	}
	out := transcriptJSON{ID: conv.ID, Lang: string(conv.Lang), Status: conv.Status, Created: conv.Created,
		Messages: []messageJSON{}, IdleCloseSeconds: seconds(a.idleClose)}
	for _, m := range msgs {
		out.Messages = append(out.Messages, messageJSON{
			ID: m.ID, Role: m.Role, Text: m.Text, Created: m.Created, Mode: m.Mode, Action: m.Action,
			Category: m.Category, Citations: m.Citations, Sources: sourcesOf(m.Citations, titles), Rating: m.Rating,
			AuthorName: m.AuthorName,
		})
	}
	if a.idleClose > 0 && conv.Status == los.StatusOpen && len(msgs) > 0 {
		out.ClosesInSeconds = max(1, seconds(conv.Updated.Add(a.idleClose).Sub(now)))
	}
	if conv.Status == los.StatusAgent {
		if out.AgentName, err = a.store.HolderName(ctx, conv.ID); err != nil {
			return nil, err
		}
	}
	if conv.Status == los.StatusWaiting {
		if out.CallbackOffered, err = a.store.CallbackPending(ctx, conv.ID); err != nil {
			return nil, err
		}
	}
	if _, err := a.store.CSATOf(ctx, conv.ID); err == nil {
		out.CSATAnswered = true
	} else if los.ErrorCode(err) != los.ENOTFOUND {
		return nil, err
	}
	return &out, nil
}

// closeIfIdle closes conv when the bot holds it, someone wrote in it and
// it has been quiet for IdleClose.
func (a *api) closeIfIdle(ctx context.Context, conv *los.Conversation, written bool, now time.Time) error {
	before := now.Add(-a.idleClose)
	if a.idleClose <= 0 || conv.Status != los.StatusOpen || !written || !conv.Updated.Before(before) {
		return nil
	}
	closed, err := a.store.CloseIdleConversation(ctx, conv.ID, before)
	if err != nil {
		return err
	}
	if closed {
		conv.Status = los.StatusClosed
	}
	return nil
}

// sourcesOf gives the cited articles that still exist their titles.
func sourcesOf(slugs []string, titles map[string]string) []citation {
	var out []citation
	for _, slug := range slugs {
		if title, ok := titles[slug]; ok {
			out = append(out, citation{Slug: slug, Title: title, URL: "/artikler/" + slug})
		}
	}
	return out
}

// seconds rounds d up to whole seconds.
func seconds(d time.Duration) int {
	if d <= 0 {
		return 0
	}
	return int(math.Ceil(d.Seconds()))
}
