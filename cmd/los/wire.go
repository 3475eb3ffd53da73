package main

import (
	"context"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/apertium"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/hours"
	"github.com/los-bot/los/metrics"
	"github.com/los-bot/los/web"
	"github.com/los-bot/los/web/admin"
	"github.com/los-bot/los/web/agent"
	"github.com/los-bot/los/web/chat"
	"github.com/los-bot/los/web/editor"
)

// server wires the HTTP server: the bot with the desk's staffing, its
// stores wrapped to notify open inboxes through one hub, and the metrics
// as its observer; then the web core and, over it, the customers' chat,
// the agents' desk, the editor and the administrators' pages, each given
// the parts it uses.
func (a *app) server(e *env, m *metrics.Metrics) (*web.Server, error) {
	week, err := hours.ParseWeek(e.cfg.OpeningHours)
	if err != nil {
		return nil, err
	}
	zone, err := time.LoadLocation(hours.Zone)
	if err != nil {
		return nil, err
	}
	staffing, err := agent.NewStaffing(hours.New(week, zone), nil)
	if err != nil {
		return nil, err
	}
	changes, err := a.hub(e)
	if err != nil {
		return nil, err
	}
	b := a.newBot(func(c *bot.Config) {
		c.Store = agent.NotifyTurns(c.Store, changes)
		c.Handoffs = agent.NotifyHandoffs(c.Handoffs, changes)
		c.Summaries = agent.NotifySummaries(c.Summaries, changes)
		c.Staffing = staffing
		c.Observer = m
	})
	s := web.New(web.Config{
		Texts: a.texts, Log: e.log, Accounts: a.db, Audit: a.db, Store: a.db, Index: a.index, Ollama: a.ollama.Ready, OllamaHosts: a.ollama.Hosts, Translation: translationState(a.apertium),
		WidgetOrigins: e.cfg.WidgetOrigins, Metrics: m, MetricsToken: e.cfg.MetricsToken,
		LoginFailures: a.loginFailures(), HashMemory: int64(e.cfg.SignInMemoryMB) << 20, TrustedProxies: e.cfg.TrustedProxies,
		PublicURL: e.cfg.PublicURL, TOTPRoles: e.cfg.TOTPRoles,
	})
	chat.Routes(s, chat.Deps{Conversations: a.db, Bot: b, Articles: a.db, Search: a.index, Hub: changes, Live: changes,
		Redactor: a.botConfig.Redactor, IdleClose: e.cfg.IdleClose})
	agent.Routes(s, agent.Deps{Desk: a.db, Records: a.db, Copilot: b, Hub: changes, Staffing: staffing})
	editor.Routes(s, editor.Deps{Articles: a.db, Index: a.index, Bot: b, BotFor: botFor(b), Triager: a.botConfig.Triager,
		Translator: a.apertium})
	admin.Routes(s, admin.Deps{Reports: a.db, Audit: a.db, Keys: a.db, Webhooks: a.db, Outbox: a.db, Canned: a.db,
		WebhookGuard: webhookGuard(e.cfg)})
	return s, nil
}

// botFor is b answering from another knowledge base: the editor's tester
// asks it about drafts.
func botFor(b *bot.Bot) func(los.Retriever) editor.Bot {
	return func(r los.Retriever) editor.Bot { return b.WithRetriever(r) }
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
