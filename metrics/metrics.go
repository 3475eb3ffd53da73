// Package metrics counts what Los does (turns, handoffs, fallbacks to
// extractive answers, model and search latency, webhook deliveries, HTTP
// responses) and serves the figures at /metrics in the Prometheus text
// exposition format (version 0.0.4).
//
// Labels only ever hold values from fixed sets (actions, modes, written
// standards, categories, route patterns, status classes): never customer
// text. Each Metrics is its own registry; nothing is global.
package metrics

import (
	"net/http"
	"runtime"
	"strconv"
	"time"

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
	turns      *counterVec
	handoffs   *counterVec
	fallbacks  *counterVec
	webhooks   *counterVec
	httpResp   *counterVec
	firstToken *histogram
	generation *histogram
	search     *histogram
	started    time.Time
}

var _ bot.Observer = (*Metrics)(nil)

// New returns an empty registry.
func New() *Metrics {
	return &Metrics{
		turns:      newCounterVec("los_turns_total", "Turns answered, by action, mode and written standard.", "action", "mode", "lang"),
		handoffs:   newCounterVec("los_handoffs_total", "Conversations handed to humans by the bot, by triage category.", "category"),
		fallbacks:  newCounterVec("los_fallbacks_total", "Answers that fell back to quoting the knowledge base because generation failed, by reason.", "reason"),
		webhooks:   newCounterVec("los_webhook_deliveries_total", "Webhook delivery attempts, by event type and result (ok, failed).", "event", "result"),
		httpResp:   newCounterVec("los_http_responses_total", "HTTP responses, by route pattern, method and status class.", "route", "method", "class"),
		firstToken: newHistogram("los_model_first_token_seconds", "Time from sending a prompt to the model's first token.", modelBuckets),
		generation: newHistogram("los_model_generation_seconds", "Time of a whole successful generation.", modelBuckets),
		search:     newHistogram("los_search_seconds", "Time to retrieve knowledge-base passages for a turn.", searchBuckets),
		started:    time.Now(),
	}
}

// Turn counts a turn; it implements bot.Observer.
func (m *Metrics) Turn(r bot.Result) {
	if m == nil {
		return
	}
	m.turns.add(1, string(r.Action), string(r.Mode), string(r.Lang))
	if r.Action == bot.ActionHandoffNow && !r.Held {
		m.Handoff(r.Category)
	}
	if r.Action != bot.ActionHandoffNow { // every other turn searched
		m.search.observe(r.Timings.RetrieveMS / 1000)
	}
}

// Generated records a successful generation's latencies; it implements
// bot.Observer.
func (m *Metrics) Generated(firstToken, total time.Duration) {
	if m == nil {
		return
	}
	m.firstToken.observe(firstToken.Seconds())
	m.generation.observe(total.Seconds())
}

// Fallback counts an answer that fell back to extractive mode; it
// implements bot.Observer.
func (m *Metrics) Fallback(reason string) {
	if m == nil {
		return
	}
	m.fallbacks.add(1, reason)
}

// Handoff counts a conversation handed over, for handoffs that do not go
// through a turn (the "talk to a person" button).
func (m *Metrics) Handoff(c bot.Category) {
	if m == nil {
		return
	}
	m.handoffs.add(1, string(c))
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
	m.webhooks.add(1, event, result)
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
	m.httpResp.add(1, route, method, strconv.Itoa(status/100)+"xx")
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		var e expo
		m.write(&e)
		w.Write(e.buf.Bytes())
	})
}

func (m *Metrics) write(e *expo) {
	for _, c := range []*counterVec{m.turns, m.handoffs, m.fallbacks, m.webhooks, m.httpResp} {
		c.write(e)
	}
	for _, h := range []*histogram{m.firstToken, m.generation, m.search} {
		h.write(e)
	}
	e.gauge("go_goroutines", "Number of goroutines that currently exist.", float64(runtime.NumGoroutine()))
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	e.gauge("go_memstats_heap_alloc_bytes", "Number of heap bytes allocated and still in use.", float64(ms.HeapAlloc))
	e.gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.", float64(m.started.Unix()))
}
