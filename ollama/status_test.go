package ollama

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/los-bot/los/internal/ollamatest"
)

// closedClient returns a client for a loopback port nothing listens on.
func closedClient(t *testing.T) (*api.Client, string) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	u := &url.URL{Scheme: "http", Host: addr}
	return api.NewClient(u, http.DefaultClient), u.String()
}

func TestCheckModels(t *testing.T) {
	s := ollamatest.Start(t)
	tests := []struct {
		name        string
		chat, embed string
		ready       bool
		missing     []string
		message     string
	}{
		{"both present, one model", "tiny", "tiny", true, nil,
			`ok: Ollama 0.6.5 with model "tiny"`},
		{"tag and case do not matter", "TINY:latest", "", true, nil,
			`ok: Ollama 0.6.5 with model "TINY:latest"`},
		{"embedding model missing", "tiny", "nomic-embed-text", false, []string{"nomic-embed-text"},
			`degraded: embedding model "nomic-embed-text" missing: run "ollama pull nomic-embed-text" or "los models pull"`},
		{"chat model missing", "llama3.2", "tiny", false, []string{"llama3.2"},
			`degraded: chat model "llama3.2" missing: run "ollama pull llama3.2" or "los models pull"`},
		{"both missing", "llama3.2", "bge-m3", false, []string{"llama3.2", "bge-m3"},
			`degraded: chat model "llama3.2" and embedding model "bge-m3" missing: run "ollama pull llama3.2" and "ollama pull bge-m3" or "los models pull"`},
		{"same model missing for both", "llama3.2", "llama3.2:latest", false, []string{"llama3.2"},
			`degraded: chat and embedding model "llama3.2" missing: run "ollama pull llama3.2" or "los models pull"`},
		{"other tag is another model", "tiny:q4", "", false, []string{"tiny:q4"},
			`degraded: chat model "tiny:q4" missing: run "ollama pull tiny:q4" or "los models pull"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := Check(context.Background(), s.Client, tt.chat, tt.embed)
			if !st.Reachable || st.Err != nil {
				t.Fatalf("reachable %v, err %v", st.Reachable, st.Err)
			}
			if st.Ready() != tt.ready {
				t.Errorf("Ready() = %v, want %v", st.Ready(), tt.ready)
			}
			if got := strings.Join(st.Missing(), ","); got != strings.Join(tt.missing, ",") {
				t.Errorf("Missing() = %q, want %q", got, tt.missing)
			}
			if got := st.Message(); got != tt.message {
				t.Errorf("Message()\n got %s\nwant %s", got, tt.message)
			}
		})
	}
	if st := Check(context.Background(), s.Client, "tiny", ""); st.Chat.Size == 0 || st.Chat.Digest == "" {
		t.Errorf("chat model state %+v: want size and digest", st.Chat)
	}
}

func TestCheckUnreachable(t *testing.T) {
	c, base := closedClient(t)
	start := time.Now()
	st := Check(context.Background(), c, "tiny", "tiny")
	if took := time.Since(start); took > checkTimeout {
		t.Errorf("Check took %v", took)
	}
	if st.Reachable || st.Ready() || !errors.Is(st.Err, ErrUnreachable) {
		t.Fatalf("reachable %v, ready %v, err %v; want unreachable", st.Reachable, st.Ready(), st.Err)
	}
	want := `degraded: Ollama unreachable at ` + base + ` (start it with "ollama serve")`
	if st.Message() != want || st.URL != base {
		t.Errorf("Message() = %s, URL %s\nwant %s, URL %s", st.Message(), st.URL, want, base)
	}
}

func TestCheckHungServerAnswersInTime(t *testing.T) {
	s := ollamatest.Start(t)
	s.Pause(t)
	start := time.Now()
	st := Check(context.Background(), s.Client, "tiny", "")
	if took := time.Since(start); took > checkTimeout+time.Second {
		t.Errorf("Check of a hung server took %v", took)
	}
	want := "degraded: Ollama at " + s.URL.String() + " did not answer in time (is it overloaded or stuck?)"
	if st.Reachable || st.Message() != want {
		t.Errorf("reachable %v, Message() = %s\nwant %s", st.Reachable, st.Message(), want)
	}
}
