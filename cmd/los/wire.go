package main

import (
	"context"
	"time"

	"github.com/los-bot/los/apertium"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/hours"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/metrics"
	"github.com/los-bot/los/ollama"
	"github.com/los-bot/los/web"
)

// server wires the HTTP server: the bot with the desk's staffing, its
// stores wrapped to notify open inboxes through one hub, and the metrics
// as its observer; then the web server over the same parts.
func (a *app) server(e *env, m *metrics.Metrics, probe *ollama.Probe) (*web.Server, error) {
	week, err := hours.ParseWeek(e.cfg.OpeningHours)
	if err != nil {
		return nil, err
	}
	zone, err := time.LoadLocation(hours.Zone)
	if err != nil {
		return nil, err
	}
	staffing, err := web.NewStaffing(hours.New(week, zone), nil)
	if err != nil {
		return nil, err
	}
	changes := hub.New()
	b := a.newBot(func(c *bot.Config) {
		c.Store = web.NotifyTurns(c.Store, changes)
		c.Handoffs = web.NotifyHandoffs(c.Handoffs, changes)
		c.Summaries = web.NotifySummaries(c.Summaries, changes)
		c.Staffing = staffing
		c.Observer = m
	})
	return web.New(web.Deps{
		Bot: b, DB: a.db, Index: a.index, Texts: a.texts, Log: e.log,
		Staffing: staffing, Hub: changes, Triager: a.botConfig.Triager, Redactor: a.botConfig.Redactor,
		Ollama: probe.Check, Translation: translationState(a.apertium), WidgetOrigins: e.cfg.WidgetOrigins, Metrics: m,
		MetricsToken: e.cfg.MetricsToken, WebhookGuard: webhookGuard(e.cfg), IdleClose: e.cfg.IdleClose,
	}), nil
}

// translationState reports Apertium for /readyz: "ok", or why Los answers
// without translating between Bokmål and Nynorsk (never unready).
func translationState(t *apertium.Translator) web.Readiness {
	return func(context.Context) (string, bool) {
		if err := t.Available(); err != nil {
			return "not installed: " + err.Error(), true
		}
		return "ok", true
	}
}
