package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/webhook"
)

// integratorRoutes serves the API for programs: its contract and docs,
// and, for admin sessions and keys with the admin scope, webhooks and API
// keys.
func (s *Server) integratorRoutes(e *echo.Echo) {
	e.GET("/api/v1/openapi.json", s.openAPI)
	e.GET("/api/docs", s.apiDocs)
	e.GET("/api/docs/assets/:name", s.apiDocsAsset)

	// Middleware per route, not on a group: a group with middleware claims
	// /api/v1/* for unknown paths and would answer the widget's CORS
	// preflights with 401.
	admin := []echo.MiddlewareFunc{s.limitIP(), Sessions(s.auth), RequireRole(auth.RoleAdmin)}
	e.GET("/api/v1/webhooks", s.listWebhooks, admin...)
	e.POST("/api/v1/webhooks", s.createWebhook, admin...)
	e.GET("/api/v1/webhooks/:id", s.getWebhook, admin...)
	e.PATCH("/api/v1/webhooks/:id", s.updateWebhook, admin...)
	e.DELETE("/api/v1/webhooks/:id", s.deleteWebhook, admin...)
	e.GET("/api/v1/webhooks/:id/deliveries", s.listDeliveries, admin...)
	e.POST("/api/v1/webhooks/:id/deliveries/:did/redeliver", s.redeliver, admin...)
	e.GET("/api/v1/keys", s.listKeys, admin...)
	e.POST("/api/v1/keys", s.createKey, admin...)
	e.DELETE("/api/v1/keys/:id", s.revokeKey, admin...)
	e.GET("/api/v1/audit", s.auditLog, admin...)
}

type webhookRequest struct {
	URL    *string   `json:"url"`
	Events *[]string `json:"events"`
	Active *bool     `json:"active"`
}

// apply checks the request and sets its fields on w. A new URL must pass
// the guard: no internal addresses unless the operator allows them.
func (r webhookRequest) apply(ctx context.Context, g webhook.Guard, w *los.Webhook) error {
	if r.URL != nil {
		if err := g.Check(ctx, strings.TrimSpace(*r.URL)); err != nil {
			return los.Errorf(los.EINVALID, "url: %v", err)
		}
		w.URL = strings.TrimSpace(*r.URL)
	}
	if r.Events != nil {
		if len(*r.Events) == 0 {
			return los.Errorf(los.EINVALID, "events: subscribe to at least one of %s", strings.Join(webhook.Events, ", "))
		}
		for _, ev := range *r.Events {
			if !webhook.KnownEvent(ev) {
				return los.Errorf(los.EINVALID, "events: %q is unknown; use %s", ev, strings.Join(webhook.Events, ", "))
			}
		}
		w.Events = *r.Events
	}
	if r.Active != nil {
		w.Active = *r.Active
	}
	return nil
}

func (s *Server) createWebhook(c echo.Context) error {
	var req webhookRequest
	if err := decodeJSON(c, &req, false); err != nil {
		return err
	}
	if req.URL == nil || req.Events == nil {
		return los.Errorf(los.EINVALID, "give url and events")
	}
	w := &los.Webhook{Secret: webhook.NewSecret(), Active: true}
	if err := req.apply(c.Request().Context(), s.WebhookGuard, w); err != nil {
		return err
	}
	if err := s.DB.CreateWebhook(c.Request().Context(), w); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, w)
}

// hidden is w without its secret, which is shown once, on creation.
func hidden(w los.Webhook) los.Webhook {
	w.Secret = ""
	return w
}

func (s *Server) listWebhooks(c echo.Context) error {
	ws, err := s.DB.Webhooks(c.Request().Context())
	if err != nil {
		return err
	}
	for i := range ws {
		ws[i] = hidden(ws[i])
	}
	return c.JSON(http.StatusOK, map[string]any{"items": ws})
}

func (s *Server) webhookOf(c echo.Context) (*los.Webhook, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	return s.DB.Webhook(c.Request().Context(), id)
}

func (s *Server) getWebhook(c echo.Context) error {
	w, err := s.webhookOf(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, hidden(*w))
}

func (s *Server) updateWebhook(c echo.Context) error {
	w, err := s.webhookOf(c)
	if err != nil {
		return err
	}
	var req webhookRequest
	if err := decodeJSON(c, &req, false); err != nil {
		return err
	}
	if err := req.apply(c.Request().Context(), s.WebhookGuard, w); err != nil {
		return err
	}
	if err := s.DB.UpdateWebhook(c.Request().Context(), w); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, hidden(*w))
}

func (s *Server) deleteWebhook(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.DB.DeleteWebhook(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) listDeliveries(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ds, err := s.DB.Deliveries(c.Request().Context(), id, 100)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": ds})
}

func (s *Server) redeliver(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	did, err := pathID(c, "did")
	if err != nil {
		return err
	}
	d, err := s.DB.Redeliver(c.Request().Context(), id, did)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, d)
}
