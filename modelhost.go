package los

import "time"

// HostState says whether a model server (an Ollama host) takes chats.
type HostState string

// The states of a model server.
const (
	// HostUnknown: not checked yet and no request has failed; it takes
	// chats.
	HostUnknown HostState = "unknown"
	// HostUp: it answered its last check and request and has every
	// configured model.
	HostUp HostState = "up"
	// HostDown: it did not answer or a request failed; it is out of
	// service until a check finds it well again.
	HostDown HostState = "down"
	// HostNoModel: it answers but lacks a configured model; it is out of
	// service until the model is pulled.
	HostNoModel HostState = "missing_model"
)

// InService reports whether a server in state s takes chats. Servers out
// of service take chats only when no server is in service (so that one
// server in trouble is still tried, as if there were no pool).
func (s HostState) InService() bool { return s == HostUp || s == HostUnknown }

// ModelHost is one model server as Los sees it at one moment, for /readyz,
// /metrics and the admin page.
type ModelHost struct {
	URL      string    `json:"url"` // without credentials
	State    HostState `json:"state"`
	Message  string    `json:"message"` // one line for operators, saying what to do when something is wrong
	InFlight int       `json:"in_flight"`
	Limit    int       `json:"limit"` // chats it may run at once
	Requests int64     `json:"requests"`
	// Failures counts failed requests since start by reason:
	// "unreachable", "server_error", "stream_broken", "model_missing"
	// or "too_slow".
	Failures  map[string]int64 `json:"failures,omitempty"`
	Since     time.Time        `json:"since"`               // in this state since
	NextCheck time.Time        `json:"next_check,omitzero"` // when a server out of service is checked next
}

// ModelHosts is every model server and the chats waiting for one.
type ModelHosts struct {
	Hosts   []ModelHost
	Waiting int   // chats waiting for a free server now
	Refused int64 // chats refused since start because every server was busy
	Retries int64 // chats retried on another server since start
}
