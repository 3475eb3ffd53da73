package metrics

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/los-bot/los"
)

func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Errorf("content type = %q", ct)
	}
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

func TestExposition(t *testing.T) {
	m := New()
	m.Turn(los.Result{Action: los.ActionAnswer, Mode: los.ModeGenerated, Lang: los.Bokmal, Timings: los.Timings{RetrieveMS: 3}})
	m.Turn(los.Result{Action: los.ActionAnswer, Mode: los.ModeGenerated, Lang: los.Bokmal})
	m.Turn(los.Result{Action: los.ActionHandoffNow, Mode: los.ModeExtractive, Lang: los.Nynorsk, Category: los.CategoryBereavement})
	m.Handoff(los.CategoryHumanRequest)
	m.Fallback("first_token_timeout")
	m.Generated(300*time.Millisecond, 2*time.Second)
	m.WebhookDelivery("handoff.requested", true)
	m.WebhookDelivery("handoff.requested", false)
	m.HTTPResponse("/api/v1/conversations/:id", http.MethodGet, 404)
	m.HTTPResponse("", "BREW", 200)
	out := scrape(t, m)

	tests := []struct {
		name string
		line string
	}{
		{"turns", `los_turns_total{action="answer",lang="nb",mode="generated"} 2`},
		{"handoff turn", `los_turns_total{action="handoff_now",lang="nn",mode="extractive"} 1`},
		{"handoffs by category", `los_handoffs_total{category="bereavement"} 1`},
		{"button handoff", `los_handoffs_total{category="human_request"} 1`},
		{"fallback", `los_fallbacks_total{reason="first_token_timeout"} 1`},
		{"webhook ok", `los_webhook_deliveries_total{event="handoff.requested",result="ok"} 1`},
		{"webhook failed", `los_webhook_deliveries_total{event="handoff.requested",result="failed"} 1`},
		{"http by pattern", `los_http_responses_total{class="4xx",method="GET",route="/api/v1/conversations/:id"} 1`},
		{"http unmatched", `los_http_responses_total{class="2xx",method="other",route="unmatched"} 1`},
		{"first token bucket", `los_model_first_token_seconds_bucket{le="0.25"} 0`},
		{"first token bucket hit", `los_model_first_token_seconds_bucket{le="0.5"} 1`},
		{"first token inf", `los_model_first_token_seconds_bucket{le="+Inf"} 1`},
		{"generation sum", `los_model_generation_seconds_sum 2`},
		{"search count", `los_search_seconds_count 2`},
		{"search bucket", `los_search_seconds_bucket{le="0.005"} 2`},
		{"type line", `# TYPE los_model_generation_seconds histogram`},
		{"go collector", `# TYPE go_goroutines gauge`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(out, "\n"+tt.line+"\n") && !strings.HasPrefix(out, tt.line+"\n") {
				t.Errorf("missing line %q in:\n%s", tt.line, out)
			}
		})
	}
}

func TestLabelsHoldNoFreeText(t *testing.T) {
	m := New()
	m.WebhookDelivery("mitt \"navn\" er\nKari Nordmann, tlf 99 99 99 99 og dette er en lang tekst som går langt over grensen", true)
	out := scrape(t, m)
	for _, bad := range []string{"Kari", "navn", "tekst"} {
		if strings.Contains(out, bad) {
			t.Errorf("output holds %q:\n%s", bad, out)
		}
	}
}

func TestNilMetricsCountsNothing(t *testing.T) {
	var m *Metrics
	m.Turn(los.Result{})
	m.Generated(time.Second, time.Second)
	m.Fallback("x")
	m.Handoff(los.CategoryNone)
	m.WebhookDelivery("x", true)
	m.HTTPResponse("/", "GET", 200)
}

func TestConcurrentCounting(t *testing.T) {
	m := New()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				m.HTTPResponse("/healthz", http.MethodGet, 200)
				m.Generated(time.Millisecond, time.Millisecond)
			}
		})
	}
	wg.Wait()
	out := scrape(t, m)
	if !strings.Contains(out, `los_http_responses_total{class="2xx",method="GET",route="/healthz"} 800`+"\n") {
		t.Error("response count is not 800")
	}
	if !strings.Contains(out, "los_model_generation_seconds_count 800\n") {
		t.Error("histogram count is not 800")
	}
}

func TestModelHosts(t *testing.T) {
	m := New()
	m.WatchModelHosts(func() los.ModelHosts {
		return los.ModelHosts{Waiting: 3, Refused: 7, Retries: 2, Hosts: []los.ModelHost{
			{URL: "http://gpu-a:11434", State: los.HostUp, InFlight: 4, Limit: 4, Requests: 120},
			{URL: "http://gpu-b:11434", State: los.HostDown, Limit: 4, Requests: 9,
				Failures: map[string]int64{"unreachable": 5, "stream_broken": 1}},
		}}
	})
	out := scrape(t, m)
	for _, line := range []string{
		`los_ollama_host_state{host="http://gpu-a:11434",state="up"} 1`,
		`los_ollama_host_state{host="http://gpu-a:11434",state="down"} 0`,
		`los_ollama_host_state{host="http://gpu-b:11434",state="down"} 1`,
		`los_ollama_host_state{host="http://gpu-b:11434",state="up"} 0`,
		`los_ollama_host_in_flight{host="http://gpu-a:11434"} 4`,
		`los_ollama_host_concurrency_limit{host="http://gpu-b:11434"} 4`,
		`los_ollama_host_requests_total{host="http://gpu-a:11434"} 120`,
		`los_ollama_host_failures_total{host="http://gpu-b:11434",reason="unreachable"} 5`,
		`los_ollama_host_failures_total{host="http://gpu-b:11434",reason="stream_broken"} 1`,
		`los_ollama_host_failures_total{host="http://gpu-a:11434",reason="too_slow"} 0`,
		`los_ollama_queue_waiting 3`,
		`los_ollama_refused_total 7`,
		`los_ollama_retries_total 2`,
	} {
		if !strings.Contains(out, line+"\n") {
			t.Errorf("missing %s", line)
		}
	}
}
