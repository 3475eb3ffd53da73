package ollama

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/ollama/ollama/api"

	"github.com/los-bot/los"
)

// fakeChatServer answers /api/chat with the given lines and records the
// request it got.
func fakeChatServer(t *testing.T, status int, lines ...string) (*Client, *api.ChatRequest) {
	t.Helper()
	var got api.ChatRequest
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &got); err != nil {
			t.Errorf("request body %s: %v", body, err)
		}
		w.Header().Set("Content-Type", "application/x-ndjson")
		w.WriteHeader(status)
		io.WriteString(w, strings.Join(lines, "\n"))
	}))
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	return Wrap(api.NewClient(u, srv.Client())), &got
}

func TestChatTurnsDomainRequestIntoOllamas(t *testing.T) {
	c, got := fakeChatServer(t, http.StatusOK,
		`{"message":{"role":"assistant","content":"Hei"},"done":false}`,
		`{"message":{"role":"assistant","content":" der"},"done":false}`,
		`{"message":{"role":"assistant","content":""},"done":true,"done_reason":"stop"}`)
	req := &los.ChatRequest{Model: "tiny", Stream: true, Format: json.RawMessage(`{"type":"object"}`),
		Options:  map[string]any{"temperature": 0.5},
		Messages: []los.ChatMessage{{Role: los.ChatSystem, Content: "sys"}, {Role: los.ChatUser, Content: "q"}}}
	var pieces []los.ChatResponse
	if err := c.Chat(context.Background(), req, func(r los.ChatResponse) error {
		pieces = append(pieces, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(pieces) != 3 || pieces[0].Content != "Hei" || pieces[1].Content != " der" || !pieces[2].Done || pieces[0].Done {
		t.Errorf("pieces %+v, want Hei, der, done", pieces)
	}
	if got.Model != "tiny" || got.Stream == nil || !*got.Stream || string(got.Format) != `{"type":"object"}` ||
		got.Options["temperature"] != 0.5 || len(got.Messages) != 2 || got.Messages[0].Role != "system" || got.Messages[1].Content != "q" {
		t.Errorf("Ollama got %+v", got)
	}
}

func TestChatWithoutStreamSaysSo(t *testing.T) {
	c, got := fakeChatServer(t, http.StatusOK, `{"message":{"role":"assistant","content":"{}"},"done":true}`)
	if err := c.Chat(context.Background(), &los.ChatRequest{Model: "tiny"}, func(los.ChatResponse) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if got.Stream == nil || *got.Stream {
		t.Errorf("stream %v, want false", got.Stream)
	}
}

func TestChatMissingModelIsNotFound(t *testing.T) {
	c, _ := fakeChatServer(t, http.StatusNotFound, `{"error":"model \"tiny\" not found, try pulling it first"}`)
	err := c.Chat(context.Background(), &los.ChatRequest{Model: "tiny"}, func(los.ChatResponse) error { return nil })
	if los.ErrorCode(err) != los.ENOTFOUND || !strings.Contains(err.Error(), "not found") {
		t.Errorf("error %v (code %s), want ENOTFOUND naming the model", err, los.ErrorCode(err))
	}
}

func TestChatServerDownIsNotNotFound(t *testing.T) {
	client, _ := closedClient(t)
	err := Wrap(client).Chat(context.Background(), &los.ChatRequest{Model: "tiny"}, func(los.ChatResponse) error { return nil })
	if err == nil || los.ErrorCode(err) == los.ENOTFOUND {
		t.Errorf("error %v, want a transport error", err)
	}
}
