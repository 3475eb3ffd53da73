package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
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

// WriteRaw writes an encoded event (or several) and flushes it.
func (s *EventStream) WriteRaw(b []byte) error {
	_ = s.rc.SetWriteDeadline(time.Now().Add(s.deadline))
	if _, err := s.w.Write(b); err != nil {
		return err
	}
	s.w.Flush()
	return nil
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

// closing is closed when an HTTP server serving the streams shuts down.
type closing struct {
	once    sync.Once
	ch      chan struct{}
	watched sync.Map // *http.Server -> bool
}

// ShuttingDown returns a channel closed when the HTTP server serving c
// shuts down: an event stream that waits for news would otherwise hold
// a graceful shutdown up.
func (s *Server) ShuttingDown(c echo.Context) <-chan struct{} {
	if hs, ok := c.Request().Context().Value(http.ServerContextKey).(*http.Server); ok {
		if _, seen := s.closing.watched.LoadOrStore(hs, true); !seen {
			hs.RegisterOnShutdown(func() { s.closing.once.Do(func() { close(s.closing.ch) }) })
		}
	}
	return s.closing.ch
}
