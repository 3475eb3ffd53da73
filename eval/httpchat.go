package eval

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// HTTPChat talks to Los's conversation API at Base (for example
// "http://127.0.0.1:8080"). With Stream, messages are sent with "Accept:
// text/event-stream" and the reply is read from the events; the text of
// its "token" events is kept in Reply.Streamed.
type HTTPChat struct {
	Base   string
	Client *http.Client
	Stream bool
}

type httpConversation struct {
	chat      *HTTPChat
	id, token string
}

// Start creates a conversation.
func (c *HTTPChat) Start(ctx context.Context) (Conversation, error) {
	var out struct{ ID, Token string }
	if err := c.post(ctx, "/api/v1/conversations", "", map[string]any{}, false, func(r io.Reader) error {
		return json.NewDecoder(r).Decode(&out)
	}); err != nil {
		return nil, err
	}
	if out.ID == "" || out.Token == "" {
		return nil, fmt.Errorf("%s: the new conversation has no id or token", c.Base)
	}
	return &httpConversation{chat: c, id: out.ID, token: out.Token}, nil
}

// Send posts one customer message and returns the turn.
func (h *httpConversation) Send(ctx context.Context, text string) (Reply, error) {
	var r Reply
	path := "/api/v1/conversations/" + h.id + "/messages"
	err := h.chat.post(ctx, path, h.token, map[string]string{"text": text}, h.chat.Stream, func(body io.Reader) error {
		if !h.chat.Stream {
			return json.NewDecoder(body).Decode(&r)
		}
		return readEvents(body, &r)
	})
	return r, err
}

// readEvents reads a turn's server-sent events into r.
func readEvents(body io.Reader, r *Reply) error {
	sc := bufio.NewScanner(body)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	var event, data string
	var streamed strings.Builder
	done := false
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event:"):
			event = strings.TrimSpace(line[len("event:"):])
		case strings.HasPrefix(line, "data:"):
			data += strings.TrimSpace(line[len("data:"):])
		case line == "":
			switch event {
			case "token":
				var t struct{ Text string }
				if err := json.Unmarshal([]byte(data), &t); err != nil {
					return fmt.Errorf("token event: %w", err)
				}
				streamed.WriteString(t.Text)
			case "done":
				if err := json.Unmarshal([]byte(data), r); err != nil {
					return fmt.Errorf("done event: %w", err)
				}
				done = true
			case "error":
				return fmt.Errorf("error event: %s", data)
			}
			event, data = "", ""
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if !done {
		return fmt.Errorf("the event stream ended without a done event")
	}
	r.Streamed, r.ViaStream = streamed.String(), true
	return nil
}

// post sends a JSON body and hands a 2xx response's body to read. A 429
// answer is retried after its Retry-After, a few times.
func (c *HTTPChat) post(ctx context.Context, path, token string, body any, stream bool, read func(io.Reader) error) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	client := c.Client
	if client == nil {
		client = http.DefaultClient
	}
	for attempt := 0; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(c.Base, "/")+path, bytes.NewReader(b))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		if stream {
			req.Header.Set("Accept", "text/event-stream")
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		if resp.StatusCode == http.StatusTooManyRequests && attempt < 20 {
			wait, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			resp.Body.Close()
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Duration(max(wait, 1)) * time.Second):
			}
			continue
		}
		defer resp.Body.Close()
		if resp.StatusCode/100 != 2 {
			msg, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
			return fmt.Errorf("POST %s: %s: %s", path, resp.Status, strings.TrimSpace(string(msg)))
		}
		return read(resp.Body)
	}
}
