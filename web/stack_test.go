package web_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/locales"
	"github.com/los-bot/los/prompts"
	"github.com/los-bot/los/retrieve"
	"github.com/los-bot/los/store"
	"github.com/los-bot/los/web"
	"github.com/los-bot/los/web/admin"
	"github.com/los-bot/los/web/agent"
	"github.com/los-bot/los/web/chat"
	"github.com/los-bot/los/web/editor"
	"github.com/los-bot/los/webhook"
)

// stackOptions shape a test server; the zero value is Los on the demo
// knowledge base with no model.
type stackOptions struct {
	extra    []kb.Article         // articles beside the demo ones
	noIndex  bool                 // no knowledge base at all
	users    map[string]auth.Role // accounts, with testPassword
	clock    func() time.Time     // the store's and server's clock
	bot      func(*bot.Config)    // changes to the bot
	deps     func(*siteDeps)      // changes to the server
	validate bool                 // check every API exchange against openapi.json
}

// siteDeps are the knobs tests turn: the core's configuration and the
// applications' own, as cmd/los sets them.
type siteDeps struct {
	web.Config
	IdleClose    time.Duration
	WebhookGuard webhook.Guard
	Translator   editor.Translator // the editor's draft twins; nil: none
}

// stack is a real Los behind httptest: a SQLite file in t.TempDir(), a
// real in-memory Bleve index, the real locales and prompts.
type stack struct {
	srv *httptest.Server
	db  *store.DB
	// path is the SQLite file, for tests that read it raw.
	path string
	ix   *kb.Index
	web  *web.Server
}

func newTestStack(t testing.TB, o stackOptions) *stack {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "los.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if o.clock != nil {
		db.SetClock(o.clock)
	}
	st := &stack{db: db, path: path}
	texts := locales.MustLoad()
	// Wired as cmd/los wires it: the bot's stores notify open inboxes
	// through the hub, and the bot asks the desk's staffing.
	changes := hub.New()
	staffing, err := agent.NewStaffing(nil, o.clock)
	if err != nil {
		t.Fatal(err)
	}
	cfg := bot.Config{Store: agent.NotifyTurns(db, changes), Handoffs: agent.NotifyHandoffs(db, changes), Staffing: staffing,
		Prompter: prompts.MustLoad(), Texts: texts, ChatModel: "tiny", Now: o.clock}
	if !o.noIndex {
		articles, err := kb.Demo()
		if err != nil {
			t.Fatal(err)
		}
		articles = append(articles, o.extra...)
		if err := db.ImportArticles(ctx, articles); err != nil {
			t.Fatal(err)
		}
		if st.ix, err = kb.Open("", kb.Options{}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.ix.Close() })
		rev, _ := db.KBRevision(ctx)
		if err := st.ix.Rebuild(ctx, articles, rev, nil); err != nil {
			t.Fatal(err)
		}
		cfg.Retriever = retrieve.Index{Index: st.ix}
	}
	if len(o.users) > 0 {
		hash, err := auth.HashPassword(testPassword)
		if err != nil {
			t.Fatal(err)
		}
		for email, role := range o.users {
			if err := db.CreateUser(ctx, &auth.User{Email: email, Role: role, PasswordHash: hash}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if o.bot != nil {
		o.bot(&cfg)
	}
	deps := siteDeps{Config: web.Config{Texts: texts, Now: o.clock, Accounts: db, Audit: db, Store: db,
		RatePerIP: 1000, RatePerConversation: 1000}}
	if st.ix != nil {
		deps.Index = st.ix
	}
	if o.deps != nil {
		o.deps(&deps)
	}
	// Wired as cmd/los/wire.go wires the applications over the core.
	b := bot.New(cfg)
	st.web = web.New(deps.Config)
	chat.Routes(st.web, chat.Deps{Conversations: db, Bot: b, Articles: db, Search: st.ix, Hub: changes, Live: changes,
		Redactor: cfg.Redactor, IdleClose: deps.IdleClose})
	agent.Routes(st.web, agent.Deps{Desk: db, Records: db, Copilot: b, Hub: changes, Staffing: staffing})
	editor.Routes(st.web, editor.Deps{Articles: db, Index: st.ix, Bot: b, Triager: cfg.Triager,
		BotFor: func(r los.Retriever) editor.Bot { return b.WithRetriever(r) }, Translator: deps.Translator})
	admin.Routes(st.web, admin.Deps{Reports: db, Audit: db, Keys: db, Webhooks: db, Outbox: db, Canned: db, WebhookGuard: deps.WebhookGuard})
	h := st.web.Handler()
	if o.validate {
		h = validating(t, h)
	}
	st.srv = httptest.NewServer(h)
	t.Cleanup(st.srv.Close)
	return st
}
