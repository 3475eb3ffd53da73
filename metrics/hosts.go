package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/los-bot/los"
)

// The states and failure reasons of model hosts, always exported so that
// every series exists from the start.
var (
	hostStates         = []los.HostState{los.HostUnknown, los.HostUp, los.HostDown, los.HostNoModel}
	hostFailureReasons = []string{"unreachable", "server_error", "stream_broken", "model_missing", "too_slow"}
)

var (
	descHostState = prometheus.NewDesc("los_ollama_host_state",
		"State of each Ollama host: 1 for its current state (unknown, up, down, missing_model), 0 for the others.", []string{"host", "state"}, nil)
	descHostInFlight = prometheus.NewDesc("los_ollama_host_in_flight",
		"Requests (chats and embeddings) running on each Ollama host.", []string{"host"}, nil)
	descHostLimit = prometheus.NewDesc("los_ollama_host_concurrency_limit",
		"Chats each Ollama host may run at once (LOS_OLLAMA_CONCURRENCY).", []string{"host"}, nil)
	descHostRequests = prometheus.NewDesc("los_ollama_host_requests_total",
		"Requests sent to each Ollama host.", []string{"host"}, nil)
	descHostFailures = prometheus.NewDesc("los_ollama_host_failures_total",
		"Failed requests of each Ollama host, by reason (unreachable, server_error, stream_broken, model_missing, too_slow).", []string{"host", "reason"}, nil)
	descWaiting = prometheus.NewDesc("los_ollama_queue_waiting",
		"Chats waiting for a free Ollama host.", nil, nil)
	descRefused = prometheus.NewDesc("los_ollama_refused_total",
		"Chats refused because every Ollama host was busy; they were answered extractively.", nil, nil)
	descRetries = prometheus.NewDesc("los_ollama_retries_total",
		"Chats retried on another Ollama host because theirs failed before the first token.", nil, nil)
)

// hostCollector reads the hosts' state when Prometheus scrapes.
type hostCollector struct{ snapshot func() los.ModelHosts }

func (c hostCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descHostState, descHostInFlight, descHostLimit, descHostRequests, descHostFailures, descWaiting, descRefused, descRetries} {
		ch <- d
	}
}

func (c hostCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.snapshot()
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	counter := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v, labels...)
	}
	for _, h := range s.Hosts {
		for _, st := range hostStates {
			v := 0.0
			if h.State == st {
				v = 1
			}
			gauge(descHostState, v, h.URL, string(st))
		}
		gauge(descHostInFlight, float64(h.InFlight), h.URL)
		gauge(descHostLimit, float64(h.Limit), h.URL)
		counter(descHostRequests, float64(h.Requests), h.URL)
		for _, r := range hostFailureReasons {
			counter(descHostFailures, float64(h.Failures[r]), h.URL, r)
		}
	}
	gauge(descWaiting, float64(s.Waiting))
	counter(descRefused, float64(s.Refused))
	counter(descRetries, float64(s.Retries))
}

// WatchModelHosts exports the state of the model hosts (Ollama), read
// from snapshot at each scrape. Host labels are the configured URLs
// (without credentials): a fixed set, like every other label.
func (m *Metrics) WatchModelHosts(snapshot func() los.ModelHosts) {
	if m == nil {
		return
	}
	m.reg.MustRegister(hostCollector{snapshot: snapshot})
}
