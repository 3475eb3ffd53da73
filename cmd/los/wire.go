package main

import (
	"time"

	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/hours"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/metrics"
	"github.com/los-bot/los/web"
)

// server wires the HTTP server: the bot with the desk's staffing, its
// stores wrapped to notify open inboxes through one hub, and the metrics
// as its observer; then the web server over the same parts.
func (a *app) server(e *env, m *metrics.Metrics) (*web.Server, error) {
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
		Ollama: a.ollama.Ready, OllamaHosts: a.ollama.Hosts, WidgetOrigins: e.cfg.WidgetOrigins, Metrics: m,
		MetricsToken: e.cfg.MetricsToken, WebhookGuard: webhookGuard(e.cfg), IdleClose: e.cfg.IdleClose,
	}), nil
}
