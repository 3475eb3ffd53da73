package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// EventStream writes server-sent events: the customer's streamed answer
// and the agents' live inbox.
type EventStream struct {
	w  *echo.Response
	rc *http.ResponseController
	// deadline is how long each write may take: every write moves the
	// connection's write deadline on by it, past the server's own.
	deadline time.Duration
}

// StartEventStream sends the headers of a server-sent event stream; each
// write may then take up to deadline.
func StartEventStream(c echo.Context, deadline time.Duration) *EventStream {
	w := c.Response()
	w.Header().Set(echo.HeaderContentType, "text/event-stream; charset=utf-8")
	w.Header().Set(echo.HeaderCacheControl, "no-cache")
	w.Header().Set("X-Accel-Buffering", "no") // no buffering in proxies
	w.WriteHeader(http.StatusOK)
	return &EventStream{w: w, rc: http.NewResponseController(w.Writer), deadline: deadline}
}

// Send writes one event with data as JSON.
func (s *EventStream) Send(event string, data any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return err
	}
	return s.Write(fmt.Sprintf("event: %s\ndata: %s\n\n", event, b))
}

// Write writes raw lines of the stream (a comment, the retry interval)
// and flushes them.
func (s *EventStream) Write(text string) error {
	_ = s.rc.SetWriteDeadline(time.Now().Add(s.deadline))
	if _, err := fmt.Fprint(s.w, text); err != nil {
		return err
	}
	s.w.Flush()
	return nil
}
