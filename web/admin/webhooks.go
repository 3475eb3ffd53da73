package admin

import (
	"context"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/web"
	"github.com/los-bot/los/webhook"
)

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

func (in *integrations) createWebhook(c echo.Context) error {
	var req webhookRequest
	if err := web.DecodeJSON(c, &req, false); err != nil {
		return err
	}
	if req.URL == nil || req.Events == nil {
		return los.Errorf(los.EINVALID, "give url and events")
	}
	w := &los.Webhook{Secret: webhook.NewSecret(), Active: true}
	if err := req.apply(c.Request().Context(), in.guard, w); err != nil {
		return err
	}
	if err := in.webhooks.CreateWebhook(c.Request().Context(), w); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, w)
}

// hidden is w without its secret, which is shown once, on creation.
func hidden(w los.Webhook) los.Webhook {
	w.Secret = ""
	return w
}

func (in *integrations) listWebhooks(c echo.Context) error {
	ws, err := in.webhooks.Webhooks(c.Request().Context())
	if err != nil {
		return err
	}
	for i := range ws {
		ws[i] = hidden(ws[i])
	}
	return c.JSON(http.StatusOK, map[string]any{"items": ws})
}

func (in *integrations) webhookOf(c echo.Context) (*los.Webhook, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	return in.webhooks.Webhook(c.Request().Context(), id)
}

func (in *integrations) getWebhook(c echo.Context) error {
	w, err := in.webhookOf(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, hidden(*w))
}

func (in *integrations) updateWebhook(c echo.Context) error {
	w, err := in.webhookOf(c)
	if err != nil {
		return err
	}
	var req webhookRequest
	if err := web.DecodeJSON(c, &req, false); err != nil {
		return err
	}
	if err := req.apply(c.Request().Context(), in.guard, w); err != nil {
		return err
	}
	if err := in.webhooks.UpdateWebhook(c.Request().Context(), w); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, hidden(*w))
}

func (in *integrations) deleteWebhook(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := in.webhooks.DeleteWebhook(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (in *integrations) listDeliveries(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ds, err := in.webhooks.Deliveries(c.Request().Context(), id, 100)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": ds})
}

func (in *integrations) redeliver(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	did, err := pathID(c, "did")
	if err != nil {
		return err
	}
	d, err := in.webhooks.Redeliver(c.Request().Context(), id, did)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, d)
}
