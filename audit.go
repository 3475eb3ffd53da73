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
	// Detail is what the route alone does not say, as the handler gave it:
	// "title" and "version" of an article, "name" of a key, "count" of
	// articles imported or removed.
	Detail map[string]string `json:"detail,omitempty"`
}

// AuditFilter selects audit entries; zero fields select everything.
type AuditFilter struct {
	Actor    string
	Route    string // substring of the route pattern
	Target   string // substring of the target
	From, To time.Time
	Changes  bool // only requests that change something (not GET)
	// Reads, with Changes, keeps the GET requests of these route patterns
	// too: the reads that matter, such as an agent opening a conversation.
	Reads []string
	Limit int // default 100, at most 1000
}
