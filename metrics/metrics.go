// Package metrics counts what Los does (turns, handoffs, fallbacks to
// extractive answers, model and search latency, the Ollama hosts, webhook
// deliveries, HTTP responses) and serves the figures at /metrics in the
// Prometheus text format, with the official Prometheus Go client.
//
// Labels only ever hold values from fixed sets (actions, modes, written
// standards, categories, event types, route patterns, status classes, the
// configured Ollama hosts): never customer text. Each Metrics has its own registry; nothing is
// registered globally.
package metrics

import (
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
)

// Histogram buckets, in seconds.
var (
	modelBuckets  = []float64{0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60}
	searchBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1}
)

// Metrics holds Los's metrics. Build it with New. A nil *Metrics is valid
// and counts nothing, so callers need no checks.
type Metrics struct {
	reg        *prometheus.Registry
	turns      *prometheus.CounterVec
	handoffs   *prometheus.CounterVec
	fallbacks  *prometheus.CounterVec
	webhooks   *prometheus.CounterVec
	httpResp   *prometheus.CounterVec
	firstToken prometheus.Histogram
	generation prometheus.Histogram
	search     prometheus.Histogram
}

var _ bot.Observer = (*Metrics)(nil)

// New returns metrics in a fresh registry, with the Go runtime and process
// collectors.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		turns: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "los_turns_total",
			Help: "Turns answered, by action, mode and written standard."}, []string{"action", "mode", "lang"}),
		handoffs: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "los_handoffs_total",
			Help: "Conversations handed to humans, by triage category."}, []string{"category"}),
		fallbacks: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "los_fallbacks_total",
			Help: "Answers that fell back to quoting the knowledge base because generation failed, by reason."}, []string{"reason"}),
		webhooks: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "los_webhook_deliveries_total",
			Help: "Webhook delivery attempts, by event type and result (ok, failed)."}, []string{"event", "result"}),
		httpResp: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "los_http_responses_total",
			Help: "HTTP responses, by route pattern, method and status class."}, []string{"route", "method", "class"}),
		firstToken: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "los_model_first_token_seconds",
			Help: "Time from sending a prompt to the model's first token.", Buckets: modelBuckets}),
		generation: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "los_model_generation_seconds",
			Help: "Time of a whole successful generation.", Buckets: modelBuckets}),
		search: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "los_search_seconds",
			Help: "Time to retrieve knowledge-base passages for a turn.", Buckets: searchBuckets}),
	}
	m.reg.MustRegister(m.turns, m.handoffs, m.fallbacks, m.webhooks, m.httpResp, m.firstToken, m.generation, m.search,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Turn counts a turn; it implements bot.Observer.
func (m *Metrics) Turn(r los.Result) {
	if m == nil {
		return
	}
	m.turns.WithLabelValues(oneOf(string(r.Action)), oneOf(string(r.Mode)), oneOf(string(r.Lang))).Inc()
	if r.Action == los.ActionHandoffNow && !r.Held {
		m.Handoff(r.Category)
	}
	if r.Action != los.ActionHandoffNow { // every other turn searched
		m.search.Observe(r.Timings.RetrieveMS / 1000)
	}
}

// Generated records a successful generation's latencies; it implements
// bot.Observer.
func (m *Metrics) Generated(firstToken, total time.Duration) {
	if m == nil {
		return
	}
	m.firstToken.Observe(firstToken.Seconds())
	m.generation.Observe(total.Seconds())
}

// Fallback counts an answer that fell back to extractive mode; it
// implements bot.Observer.
func (m *Metrics) Fallback(reason string) {
	if m == nil {
		return
	}
	m.fallbacks.WithLabelValues(oneOf(reason)).Inc()
}

// Handoff counts a conversation handed over, also for handoffs that do
// not go through a turn (the "talk to a person" button).
func (m *Metrics) Handoff(c los.Category) {
	if m == nil {
		return
	}
	if !c.Valid() {
		c = "other"
	}
	m.handoffs.WithLabelValues(string(c)).Inc()
}

// WebhookDelivery counts one attempt to deliver an event of type event
// (for example "handoff.requested") to a webhook.
func (m *Metrics) WebhookDelivery(event string, ok bool) {
	if m == nil {
		return
	}
	result := "failed"
	if ok {
		result = "ok"
	}
	m.webhooks.WithLabelValues(oneOf(event), result).Inc()
}

// HTTPResponse counts a response. route is the route pattern (for
// example "/api/v1/conversations/:id"), never the path itself.
func (m *Metrics) HTTPResponse(route, method string, status int) {
	if m == nil {
		return
	}
	if route == "" {
		route = "unmatched"
	}
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions:
	default:
		method = "other"
	}
	m.httpResp.WithLabelValues(route, method, strconv.Itoa(status/100)+"xx").Inc()
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// token is the shape of every fixed-set label value Los uses: actions,
// modes, standards, reasons and event types such as "handoff.requested".
var token = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}(\.[a-z][a-z0-9_]{0,31})?$`)

// oneOf keeps a label value from a fixed set and turns anything else into
// "other", so no free text can become a label.
func oneOf(s string) string {
	if s == "" {
		return "none"
	}
	if !token.MatchString(s) {
		return "other"
	}
	return s
}
