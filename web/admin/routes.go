// Package admin is what administrators use: the analytics dashboard and
// its CSV exports, the audit log (page and API), API keys, webhooks and
// the outbox they deliver.
package admin

import (
	"context"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/web"
	"github.com/los-bot/los/webhook"
)

// Deps are the administrators' parts; cmd/los gives each the store.
type Deps struct {
	Reports  Reports
	Audit    AuditLog
	Keys     Keys
	Webhooks Webhooks
	Outbox   Outbox
	// Canned are the canned responses agents insert; nil: no page for
	// them.
	Canned Canned
	// WebhookGuard checks webhook URLs when they are saved; the zero value
	// refuses internal addresses (see webhook.Guard).
	WebhookGuard webhook.Guard
}

// Reports computes the analytics of a period.
type Reports interface {
	Analytics(ctx context.Context, p los.Period) (*los.Report, error)
}

// AuditLog reads the audit log.
type AuditLog interface {
	AuditLog(ctx context.Context, f los.AuditFilter) ([]los.AuditEntry, error)
}

// Keys are the API keys.
type Keys interface {
	NewAPIKeyUntil(ctx context.Context, name string, scopes []auth.Scope, expires time.Time) (string, *auth.APIKey, error)
	APIKeys(ctx context.Context) ([]auth.APIKey, error)
	RevokeAPIKey(ctx context.Context, id int64) error
}

// Webhooks are the subscriptions and their deliveries.
type Webhooks interface {
	CreateWebhook(ctx context.Context, w *los.Webhook) error
	Webhooks(ctx context.Context) ([]los.Webhook, error)
	Webhook(ctx context.Context, id int64) (*los.Webhook, error)
	UpdateWebhook(ctx context.Context, w *los.Webhook) error
	DeleteWebhook(ctx context.Context, id int64) error
	Deliveries(ctx context.Context, webhookID int64, limit int) ([]los.Delivery, error)
	Redeliver(ctx context.Context, webhookID, deliveryID int64) (*los.Delivery, error)
}

// Outbox is the events webhooks deliver.
type Outbox interface {
	Events(ctx context.Context, after int64, limit int) ([]los.Event, error)
}

// integrations is the API for programs an admin manages: API keys,
// webhooks, the outbox and the audit log.
type integrations struct {
	web      *web.Server
	keys     Keys
	webhooks Webhooks
	outbox   Outbox
	audit    AuditLog
	guard    webhook.Guard
}

// Routes serves the dashboard and audit pages (role admin) and, for admin
// sessions and keys with the admin scope, webhooks, API keys, the outbox
// and the audit log.
func Routes(s *web.Server, d Deps) {
	a := &analytics{web: s, reports: d.Reports, audit: d.Audit, pages: mustLoadAnalyticsPages()}
	in := &integrations{web: s, keys: d.Keys, webhooks: d.Webhooks, outbox: d.Outbox, audit: d.Audit, guard: d.WebhookGuard}
	e := s.Echo()
	sessions := web.Sessions(s.Auth())

	e.GET("/admin/analytics", a.dashboard, sessions, a.guard)
	e.GET("/admin/analytics/assets/:name", adminAssets.Handler("name"))
	e.GET("/admin/audit", a.auditLogPage, sessions, a.guard)
	if d.Canned != nil {
		cp := &cannedPages{web: s, canned: d.Canned}
		e.GET("/admin/canned", cp.page, sessions, a.guard)
		e.POST("/admin/canned", cp.save, s.LimitIP(), sessions, web.RequireRole(auth.RoleAdmin))
		e.POST("/admin/canned/:cid/delete", cp.remove, s.LimitIP(), sessions, web.RequireRole(auth.RoleAdmin))
	}

	// Middleware per route, not on a group: a group with middleware claims
	// /api/v1/* for unknown paths and would answer the widget's CORS
	// preflights with 401.
	admin := []echo.MiddlewareFunc{s.LimitIP(), sessions, web.RequireRole(auth.RoleAdmin)}
	e.GET("/api/v1/webhooks", in.listWebhooks, admin...)
	e.POST("/api/v1/webhooks", in.createWebhook, admin...)
	e.GET("/api/v1/webhooks/:id", in.getWebhook, admin...)
	e.PATCH("/api/v1/webhooks/:id", in.updateWebhook, admin...)
	e.DELETE("/api/v1/webhooks/:id", in.deleteWebhook, admin...)
	e.GET("/api/v1/webhooks/:id/deliveries", in.listDeliveries, admin...)
	e.POST("/api/v1/webhooks/:id/deliveries/:did/redeliver", in.redeliver, admin...)
	e.GET("/api/v1/keys", in.listKeys, admin...)
	e.POST("/api/v1/keys", in.createKey, admin...)
	e.DELETE("/api/v1/keys/:id", in.revokeKey, admin...)
	e.GET("/api/v1/audit", in.auditLog, admin...)
	e.GET("/api/v1/agent/events", in.events, sessions, web.RequireRole(auth.RoleAdmin))
}
