package chat

import (
	"context"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/web"
)

// streamTurn answers as server-sent events: "token" events as text
// arrives, one "citation" event per cited article, then "done" with the
// whole turn (its answer supersedes the tokens, for example after a
// fallback), or "error".
func (a *api) streamTurn(c echo.Context, conv *los.Conversation, text string) error {
	release, err := a.web.OpenStream("turn:"+conv.ID, web.MaxTurnStreams)
	if err != nil {
		return err
	}
	defer release()
	es := web.StartEventStream(c, 30*time.Second)
	// A customer who hung up misses the rest; the turn is stored whole.
	send := func(event string, data any) { _ = es.Send(event, data) }
	send("ready", map[string]string{"conversation": conv.ID})

	res, err := a.bot.Turn(contextWithoutCancel(c), los.TurnRequest{
		ConversationID: conv.ID,
		Text:           text,
		Page:           pageLang(c),
		AcceptLanguage: c.Request().Header.Get("Accept-Language"),
		OnToken:        func(tok string) { send("token", map[string]string{"text": tok}) },
	})
	if err != nil {
		_, body := a.web.ErrorResponse(c, err)
		send("error", body)
		return nil
	}
	for _, src := range citedSources(res) {
		send("citation", src)
	}
	send("done", res)
	return nil
}

type citation struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

func citedSources(res los.Result) []citation {
	titles := map[string]string{}
	for _, s := range res.Sources {
		if _, ok := titles[s.Slug]; !ok {
			titles[s.Slug] = s.Title
		}
	}
	out := make([]citation, 0, len(res.Citations))
	for _, slug := range res.Citations {
		out = append(out, citation{Slug: slug, Title: titles[slug], URL: "/artikler/" + slug})
	}
	return out
}

// contextWithoutCancel keeps the request's values but not its
// cancellation: a turn that has started is finished and stored even when
// the customer's connection drops.
func contextWithoutCancel(c echo.Context) context.Context {
	return context.WithoutCancel(c.Request().Context())
}
