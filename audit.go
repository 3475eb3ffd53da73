package los

import "time"

// AuditEntry is one line of the audit log: a request by a signed-in
// person or an API key.
type AuditEntry struct {
	ID     int64     `json:"id"`
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`  // e-mail of a person, or key:NAME for an API key
	Role   string    `json:"role"`   // agent, editor, admin
	Method string    `json:"method"` // GET reads, others change
	Route  string    `json:"route"`  // route pattern, e.g. /api/v1/agent/conversations/:id
	Target string    `json:"target"` // the route's parameters, e.g. id=abc
	Status int       `json:"status"`
}

// AuditFilter selects audit entries; zero fields select everything.
type AuditFilter struct {
	Actor    string
	Route    string // substring of the route pattern
	Target   string // substring of the target
	From, To time.Time
	Changes  bool // only requests that change something (not GET)
	Limit    int  // default 100, at most 1000
}
