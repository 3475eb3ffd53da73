package admin

import (
	"strings"

	"github.com/los-bot/los"
)

// auditAction tells one kind of request (method and route pattern) as an
// action: the text audit.do.KEY, filled with the actor and args.
type auditAction struct {
	key  string
	args func(e los.AuditEntry) []any
}

// The argument makers of auditActions.
var (
	nothing = func(los.AuditEntry) []any { return nil }
	// article is the article's title when the entry has it, its slug
	// otherwise (a failed request, or one written before titles were).
	article = func(e los.AuditEntry) []any { return []any{orParam(e, "title", "slug")} }
	conv    = func(e los.AuditEntry) []any { return []any{shortID(param(e, "id"))} }
)

// articleAt is the article and one of its versions from the detail.
func articleAt(version string) func(los.AuditEntry) []any {
	return func(e los.AuditEntry) []any { return []any{orParam(e, "title", "slug"), orDash(e.Detail[version])} }
}

// detailed is one value from the detail, or a route parameter.
func detailed(key string) func(los.AuditEntry) []any {
	return func(e los.AuditEntry) []any { return []any{orParam(e, key, key)} }
}

// auditActions are the requests the audit log tells as actions; others
// are told by method and route (audit.do.other, audit.do.read).
var auditActions = map[string]auditAction{
	"POST /api/v1/articles":                               {"article_create", article},
	"PUT /api/v1/articles/:slug":                          {"article_save", articleAt("version")},
	"DELETE /api/v1/articles/:slug":                       {"article_delete", article},
	"POST /api/v1/articles/:slug/publish":                 {"article_publish", articleAt("published")},
	"POST /api/v1/articles/:slug/archive":                 {"article_archive", article},
	"POST /api/v1/articles/:slug/unarchive":               {"article_unarchive", article},
	"POST /api/v1/articles/:slug/restore":                 {"article_restore", article},
	"POST /api/v1/articles/:slug/rollback":                {"article_rollback", articleAt("to")},
	"POST /api/v1/editor/preview":                         {"preview", nothing},
	"POST /api/v1/editor/test":                            {"test", nothing},
	"PUT /api/v1/editor/synonyms":                         {"synonyms", nothing},
	"POST /api/v1/editor/import/preview":                  {"import_preview", nothing},
	"POST /api/v1/editor/import/commit":                   {"import", detailed("count")},
	"GET /api/v1/editor/export":                           {"export", nothing},
	"POST /api/v1/editor/demo/remove":                     {"demo_remove", detailed("count")},
	"GET /api/v1/agent/conversations/:id":                 {"read_conversation", conv},
	"POST /api/v1/agent/conversations/:id/claim":          {"claim", conv},
	"POST /api/v1/agent/conversations/:id/messages":       {"reply", conv},
	"POST /api/v1/agent/conversations/:id/handback":       {"handback", conv},
	"POST /api/v1/agent/conversations/:id/close":          {"close", conv},
	"POST /api/v1/agent/callbacks/:cid/done":              {"callback_done", detailed("cid")},
	"POST /agent/logout":                                  {"logout", nothing},
	"POST /api/v1/keys":                                   {"key_create", detailed("name")},
	"DELETE /api/v1/keys/:id":                             {"key_revoke", detailed("id")},
	"POST /api/v1/webhooks":                               {"webhook_create", detailed("url")},
	"PATCH /api/v1/webhooks/:id":                          {"webhook_update", detailed("id")},
	"DELETE /api/v1/webhooks/:id":                         {"webhook_delete", detailed("id")},
	"POST /api/v1/webhooks/:id/deliveries/:did/redeliver": {"redeliver", detailed("did")},
	"POST /api/v1/conversations":                          {"conversation_start", nothing},
	"GET /api/v1/conversations/:id":                       {"conversation_read", conv},
	"POST /api/v1/conversations/:id/messages":             {"conversation_message", conv},
	"GET /api/v1/conversations/:id/export":                {"conversation_export", conv},
	"DELETE /api/v1/conversations/:id":                    {"conversation_delete", conv},
}

// auditReads are the reads the log's actions keep: those of customers'
// conversations and of the whole knowledge base. Page views and the
// tools' own reads (lists, versions, diffs) are left out.
var auditReads = []string{"/api/v1/agent/conversations/:id", "/api/v1/conversations/:id", "/api/v1/conversations/:id/export",
	"/api/v1/editor/export"}

// describe tells e as a sentence in standard l: "kari@example.no
// publiserte «Endre fakturaadresse» v3".
func describe(e los.AuditEntry, l los.Standard, t func(l los.Standard, key string, args ...any) string) string {
	var s string
	if a, ok := auditActions[e.Method+" "+e.Route]; ok {
		s = t(l, "audit.do."+a.key, append([]any{e.Actor}, a.args(e)...)...)
	} else if e.Method == "GET" {
		s = t(l, "audit.do.read", e.Actor, e.Route)
	} else {
		s = t(l, "audit.do.other", e.Actor, e.Method, e.Route)
	}
	if e.Status >= 400 {
		s += " – " + t(l, "audit.failed", e.Status)
	}
	return s
}

// param is the route parameter name of e ("slug" of "slug=x,id=y").
func param(e los.AuditEntry, name string) string {
	for _, kv := range strings.Split(e.Target, ",") {
		if k, v, ok := strings.Cut(kv, "="); ok && k == name {
			return v
		}
	}
	return ""
}

// orParam is e's detail key, or its route parameter name when the detail
// lacks it.
func orParam(e los.AuditEntry, key, name string) string {
	if v := e.Detail[key]; v != "" {
		return v
	}
	return orDash(param(e, name))
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// shortID is the first eight characters of a conversation's ID, enough to
// find it, short enough to read.
func shortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return orDash(id)
}
