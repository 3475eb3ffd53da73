package ollama

import (
	"bytes"
	"context"
	"log/slog"
	"math"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/los-bot/los/internal/ollamatest"
)

// embedModel creates a variant of the tiny model for embeddings that reads
// at most 64 tokens of a text (the server truncates longer ones) and runs
// on one thread.
func embedModel(t *testing.T, srv *ollamatest.Server) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	const name = "tiny-embed"
	err := srv.Client.Create(ctx, &api.CreateRequest{Model: name, From: srv.Model,
		Parameters: map[string]any{"num_thread": 1, "num_ctx": 64}}, func(api.ProgressResponse) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	return name
}

// lockedBuffer collects a log written from other goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// countingTransport counts the requests to /api/embed.
type countingTransport struct {
	next   http.RoundTripper
	embeds atomic.Int64
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Path == "/api/embed" {
		c.embeds.Add(1)
	}
	return c.next.RoundTrip(r)
}

func TestEmbedderBatchesInOrder(t *testing.T) {
	srv := ollamatest.Start(t)
	model := embedModel(t, srv)
	ct := &countingTransport{next: http.DefaultTransport}
	e := NewEmbedder(Wrap(api.NewClient(srv.URL, &http.Client{Transport: ct})), model)
	e.batch = 3
	texts := []string{"faktura", "adresse", "strøm", "nettleie", "flytting", "måler", "avtale"}
	vecs, err := e.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if got := ct.embeds.Load(); got != 3 {
		t.Errorf("%d requests for 7 texts in batches of 3, want 3", got)
	}
	if len(vecs) != len(texts) {
		t.Fatalf("%d vectors for %d texts", len(vecs), len(texts))
	}
	for i, text := range texts {
		if len(vecs[i]) != ollamatest.ModelEmbed {
			t.Errorf("vector %d has %d dimensions, want %d", i, len(vecs[i]), ollamatest.ModelEmbed)
		}
		alone, err := e.Embed(context.Background(), []string{text})
		if err != nil {
			t.Fatal(err)
		}
		if c := cosine(alone[0], vecs[i]); c < 0.999 {
			t.Errorf("vector %d (%q) is not the text's own (cosine %.4f): batches out of order", i, text, c)
		}
	}
}

func TestProbeEmbedder(t *testing.T) {
	srv := ollamatest.Start(t)
	stopped := ollamatest.Start(t)
	stopped.Stop()
	tests := []struct {
		name   string
		client *Client
		model  string
		ok     bool
		fix    string
	}{
		{"present", Wrap(srv.Client), srv.Model, true, ""},
		{"missing model", Wrap(srv.Client), "mangler-embed", false, "ollama pull mangler-embed"},
		{"server down", Wrap(stopped.Client), srv.Model, false, "start Ollama"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs := &lockedBuffer{}
			e := ProbeEmbedder(context.Background(), NewEmbedder(tt.client, tt.model), slog.New(slog.NewTextHandler(logs, nil)))
			if (e != nil) != tt.ok {
				t.Fatalf("embedder %v, want usable %v; log: %s", e, tt.ok, logs)
			}
			if tt.ok {
				if logs.String() != "" {
					t.Errorf("logged %q for a working model", logs)
				}
				return
			}
			if n := strings.Count(logs.String(), "embeddings unavailable; searching by keywords only"); n != 1 || !strings.Contains(logs.String(), tt.fix) {
				t.Errorf("log %q, want one line saying keywords only and %q", logs, tt.fix)
			}
		})
	}
}

func cosine(a, b []float32) float64 {
	var dot, na, nb float64
	for i := range a {
		dot += float64(a[i]) * float64(b[i])
		na += float64(a[i]) * float64(a[i])
		nb += float64(b[i]) * float64(b[i])
	}
	return dot / math.Sqrt(na*nb)
}
