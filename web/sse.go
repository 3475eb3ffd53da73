package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
)

// streamTurn answers as server-sent events: "token" events as text
// arrives, one "citation" event per cited article, then "done" with the
// whole turn (its answer supersedes the tokens, for example after a
// fallback), or "error".
func (s *Server) streamTurn(c echo.Context, conv *los.Conversation, text string) error {
	w, rc := startEventStream(c)

	send := func(event string, data any) {
		b, err := json.Marshal(data)
		if err != nil {
			return
		}
		_ = rc.SetWriteDeadline(time.Now().Add(30 * time.Second))
		fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, b)
		w.Flush()
	}
	send("ready", map[string]string{"conversation": conv.ID})

	res, err := s.Bot.Turn(contextWithoutCancel(c), los.TurnRequest{
		ConversationID: conv.ID,
		Text:           text,
		Page:           pageLang(c),
		AcceptLanguage: c.Request().Header.Get("Accept-Language"),
		OnToken:        func(tok string) { send("token", map[string]string{"text": tok}) },
	})
	if err != nil {
		_, body := s.errorResponse(c, err)
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

// startEventStream sends the headers of a server-sent event stream and
// returns the response and a controller to extend its write deadline.
func startEventStream(c echo.Context) (*echo.Response, *http.ResponseController) {
	w := c.Response()
	w.Header().Set(echo.HeaderContentType, "text/event-stream; charset=utf-8")
	w.Header().Set(echo.HeaderCacheControl, "no-cache")
	w.Header().Set("X-Accel-Buffering", "no") // no buffering in proxies
	w.WriteHeader(http.StatusOK)
	return w, http.NewResponseController(w.Writer)
}
