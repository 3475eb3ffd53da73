package ollama

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/los-bot/los/internal/ollamatest"
)

// The test machines have no network: pulling from the real server must fail
// fast and say so. With network the name does not exist, which must fail as
// fast and as clearly; no test ever downloads a model.
func TestPullFailsFastAndClearly(t *testing.T) {
	s := ollamatest.Start(t)
	const model = "los-test/finnes-ikke:0"
	var statuses []string
	start := time.Now()
	err := Pull(context.Background(), s.Client, model, func(status string, completed, total int64) {
		statuses = append(statuses, status)
	})
	took := time.Since(start)
	if took > 10*time.Second {
		t.Errorf("Pull took %v, want a fast failure", took)
	}
	var pe *PullError
	if !errors.As(err, &pe) || !(errors.Is(err, ErrNoNetwork) || errors.Is(err, ErrModelNotFound)) {
		t.Fatalf("got %v, want a PullError for no network or no such model", err)
	}
	prefix := `pulling "los-test/finnes-ikke:0" from the Ollama registry failed: Ollama has no network access (`
	if errors.Is(err, ErrModelNotFound) {
		prefix = `pulling "los-test/finnes-ikke:0" from the Ollama registry failed: no such model in the Ollama registry; check the name and tag (`
	}
	if !strings.HasPrefix(err.Error(), prefix) {
		t.Errorf("message %q\nwant it to start with %q", err, prefix)
	}
	if len(statuses) == 0 || statuses[0] != "pulling manifest" {
		t.Errorf("progress %q, want it to start with \"pulling manifest\"", statuses)
	}
	t.Logf("after %v: %v", took.Round(time.Millisecond), err)
}

func TestPullUnreachable(t *testing.T) {
	c, base := closedClient(t)
	err := Pull(context.Background(), c, "llama3.2", nil)
	want := `pulling "llama3.2" failed: Ollama unreachable at ` + base + ` (start it with "ollama serve")`
	if !errors.Is(err, ErrUnreachable) || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func TestPullHungServer(t *testing.T) {
	s := ollamatest.Start(t)
	s.Pause(t)
	err := pull(context.Background(), s.Client, "llama3.2", nil, pullLimits{answer: 200 * time.Millisecond, stall: time.Second})
	want := `pulling "llama3.2" failed: Ollama at ` + s.URL.String() + ` did not answer in time (is it overloaded or stuck?)`
	if !errors.Is(err, ErrUnreachable) || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// fakePull serves /api/pull with the given lines, then blocks until the
// request ends when hang is set. A protocol fake: it covers what the real
// server cannot be made to do here (a registry that hangs or stalls).
func fakePull(t *testing.T, lines []string, hang bool) *api.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/pull" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/x-ndjson")
		for _, l := range lines {
			fmt.Fprintln(w, l)
			w.(http.Flusher).Flush()
		}
		if hang {
			<-r.Context().Done()
		}
	}))
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	return api.NewClient(u, srv.Client())
}

func TestPullFailures(t *testing.T) {
	limits := pullLimits{answer: 100 * time.Millisecond, stall: 100 * time.Millisecond}
	tests := []struct {
		name  string
		lines []string
		hang  bool
		kind  error
		want  string
	}{
		{"success", []string{`{"status":"pulling manifest"}`, `{"status":"success"}`}, false, nil, ""},
		{"no such host", []string{`{"status":"pulling manifest"}`, `{"error":"pull model manifest: Get \"https://registry.ollama.ai/v2/library/x/manifests/latest\": dial tcp: lookup registry.ollama.ai on 10.0.0.53:53: no such host"}`}, false, ErrNoNetwork,
			`pulling "x" from the Ollama registry failed: Ollama has no network access (pull model manifest: Get "https://registry.ollama.ai/v2/library/x/manifests/latest": dial tcp: lookup registry.ollama.ai on 10.0.0.53:53: no such host)`},
		{"registry hangs", []string{`{"status":"pulling manifest"}`}, true, ErrNoNetwork,
			`pulling "x" from the Ollama registry failed: Ollama has no network access (no answer from the registry within 100ms)`},
		{"no such model", []string{`{"status":"pulling manifest"}`, `{"error":"pull model manifest: file does not exist"}`}, false, ErrModelNotFound,
			`pulling "x" from the Ollama registry failed: no such model in the Ollama registry; check the name and tag (pull model manifest: file does not exist)`},
		{"download stalls", []string{`{"status":"pulling manifest"}`, `{"status":"pulling 6a0746a1ec1a","digest":"sha256:6a07","total":2019377376,"completed":1048576}`}, true, ErrStalled,
			`pulling "x" from the Ollama registry failed: download stalled (no progress for 100ms)`},
		{"stream ends early", []string{`{"status":"pulling manifest"}`, `{"status":"pulling 6a0746a1ec1a","total":100,"completed":50}`}, false, nil,
			`pulling "x" from the Ollama registry failed: the Ollama server ended the pull before it finished`},
		{"disk full", []string{`{"status":"pulling manifest"}`, `{"error":"write /models/blobs/x: no space left on device"}`}, false, nil,
			`pulling "x" from the Ollama registry failed: write /models/blobs/x: no space left on device`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := fakePull(t, tt.lines, tt.hang)
			var updates int
			err := pull(context.Background(), c, "x", func(string, int64, int64) { updates++ }, limits)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("got %v, want success", err)
				}
				return
			}
			if err == nil || err.Error() != tt.want {
				t.Fatalf("got %v\nwant %s", err, tt.want)
			}
			if tt.kind != nil && !errors.Is(err, tt.kind) {
				t.Errorf("errors.Is(err, %v) is false", tt.kind)
			}
			if updates == 0 {
				t.Error("progress was never called")
			}
		})
	}
}

func TestPullCancelled(t *testing.T) {
	c := fakePull(t, []string{`{"status":"pulling manifest"}`}, true)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := pull(ctx, c, "x", nil, defaultLimits)
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrNoNetwork) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}
