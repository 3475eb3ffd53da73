package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/los-bot/los/apertium"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/config"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/locales"
	"github.com/los-bot/los/ollama"
	"github.com/los-bot/los/progress"
	"github.com/los-bot/los/prompts"
	"github.com/los-bot/los/redact"
	"github.com/los-bot/los/replica"
	"github.com/los-bot/los/retrieve"
	"github.com/los-bot/los/store"
	"github.com/los-bot/los/triage"
	"github.com/los-bot/los/web/agent"
	"github.com/los-bot/los/webhook"
)

// app is Los wired together: config -> store -> kb -> bot. Every command
// that needs the pipeline opens one and closes it when done.
type app struct {
	cfg    config.Config
	log    *slog.Logger
	db     *store.DB
	index  *kb.Index
	texts  *locales.Catalog
	ollama *ollama.Pool
	// botConfig has the bot's parts; newBot builds it.
	botConfig bot.Config
	bot       *bot.Bot
	// apertium translates between Bokmål and Nynorsk; its Available says
	// why not when it cannot.
	apertium *apertium.Translator
	// replica keeps this replica in step with the others on PostgreSQL
	// (set by server, run by serve); nil on SQLite.
	replica *replica.Replica
	// staffing shares the agents present with the other replicas (set by
	// server, run by serve); nil on SQLite.
	staffing *agent.Staffing
}

// openApp opens the store (loading the demo knowledge base when it is
// empty) and the index as use says (rebuilding it when missing, stale or
// corrupt), and gathers the bot's parts (see newBot).
func openApp(ctx context.Context, cfg config.Config, log *slog.Logger, progressOut io.Writer, use indexUse) (*app, error) {
	a := &app{cfg: cfg, log: log}
	var err error
	if a.texts, err = locales.Load(cfg.LocalesDir); err != nil {
		return nil, err
	}
	pr, err := prompts.Load(cfg.PromptsDir)
	if err != nil {
		return nil, err
	}
	if a.db, err = openConfiguredStore(ctx, cfg); err != nil {
		return nil, err
	}
	if a.ollama, err = newPool(cfg, log); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.seedDemo(ctx); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.openIndex(ctx, progressOut, use); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.applySavedSynonyms(ctx); err != nil {
		a.Close()
		return nil, err
	}
	kinds, err := redact.ParseKinds(cfg.Redact)
	if err != nil {
		a.Close()
		return nil, fmt.Errorf("LOS_REDACT: %w", err)
	}
	// The store redacts every text it keeps; the classifier redacts
	// before its second opinion reaches the model.
	redactor := redact.New(kinds.Kinds()...)
	a.db.SetRedaction(kinds, nil)
	classifier, err := newClassifier(cfg, triage.WithSecondOpinion(triage.SecondOpinion{Chat: a.ollama, Model: cfg.ChatModel}))
	if err != nil {
		a.Close()
		return nil, err
	}
	a.apertium = apertium.New(apertium.Options{Keep: []string{"Los"}, IdleStop: cfg.ApertiumIdle})
	var translator bot.Translator
	if err := a.apertium.Available(); err != nil {
		log.Warn("Apertium is not installed: quoted articles stay in their own written standard (install Debian's apertium-nno-nob to translate between Bokmål and Nynorsk)", "err", err)
	} else {
		translator = a.apertium
	}
	a.botConfig = bot.Config{
		Retriever:    retrieve.Index{Index: a.index},
		Generator:    a.ollama,
		Rewriter:     &ollama.Rewriter{Chat: a.ollama, Model: cfg.ChatModel},
		Store:        a.db,
		Handoffs:     a.db,
		Summaries:    a.db,
		Triager:      redact.Triager{Next: classifier, Redactor: redactor},
		Redactor:     redactor,
		Prompter:     pr,
		Texts:        a.texts,
		Policy:       cfg.Policy,
		Log:          log,
		ChatModel:    cfg.ChatModel,
		FirstToken:   cfg.FirstToken,
		TokenTimeout: cfg.TokenTimeout,
		Generation:   cfg.Generation,
		Translator:   translator,
	}
	return a, nil
}

// newPool returns the pool of the configured Ollama hosts; serve starts
// its health checks.
func newPool(cfg config.Config, log *slog.Logger) (*ollama.Pool, error) {
	return ollama.NewPool(cfg.OllamaHosts(), ollama.PoolConfig{
		ChatModel: cfg.ChatModel, EmbedModel: cfg.EmbedModel,
		Concurrency: cfg.OllamaConcurrency, Queue: cfg.OllamaQueue, QueueWait: cfg.OllamaQueueWait,
		CheckEvery: cfg.OllamaCheck, Log: log,
	})
}

// newBot builds the bot from the parts openApp opened, after wrap (when
// not nil) has added or decorated parts, for example for serve. Close
// waits for its background work.
func (a *app) newBot(wrap func(*bot.Config)) *bot.Bot {
	c := a.botConfig
	if wrap != nil {
		wrap(&c)
	}
	a.bot = bot.New(c)
	return a.bot
}

// openConfiguredStore opens the store cfg names: PostgreSQL when
// LOS_DATABASE_URL is set (the data directory then holds only this
// replica's search index), else the SQLite file in the data directory.
func openConfiguredStore(ctx context.Context, cfg config.Config) (*store.DB, error) {
	if cfg.Postgres() {
		if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
			return nil, fmt.Errorf("data directory: %w", err)
		}
		return store.OpenPostgres(ctx, cfg.DatabaseURL)
	}
	return openStore(ctx, cfg.DataDir)
}

// openStore opens the store in the data directory, creating both when
// needed.
func openStore(ctx context.Context, dataDir string) (*store.DB, error) {
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	return store.Open(ctx, filepath.Join(dataDir, "los.db"))
}

// Close waits for the bot's background work, stops the Ollama hosts'
// health checks, then closes the index and the store.
func (a *app) Close() error {
	if a.bot != nil {
		a.bot.Wait()
	}
	if a.ollama != nil {
		a.ollama.Close()
	}
	var errs []error
	if a.index != nil {
		errs = append(errs, a.index.Close())
	}
	if a.apertium != nil {
		errs = append(errs, a.apertium.Close())
	}
	if a.db != nil {
		errs = append(errs, a.db.Close())
	}
	return errors.Join(errs...)
}

// seedDemo loads the demo knowledge base into a store without articles,
// unless the configuration keeps it out (LOS_DEMO=false; `los kb import`).
func (a *app) seedDemo(ctx context.Context) error {
	n, err := a.db.CountArticles(ctx)
	if err != nil || n > 0 {
		return err
	}
	if !a.cfg.Demo {
		a.log.Info("knowledge base is empty; the demo stays out (LOS_DEMO=false): add articles with los kb import DIR or in the editor")
		return nil
	}
	articles, err := kb.Demo()
	if err != nil {
		return fmt.Errorf("demo knowledge base: %w", err)
	}
	a.log.Info("knowledge base is empty; loading the demo knowledge base", "articles", len(articles))
	return a.db.ImportArticles(ctx, articles)
}

// openIndex opens the search index and rebuilds it from the store when it
// is missing, corrupt or older than the store. An index in use by another
// process is never rebuilt: use says what to do instead.
func (a *app) openIndex(ctx context.Context, progressOut io.Writer, use indexUse) error {
	rev, err := a.db.KBRevision(ctx)
	if err != nil {
		return err
	}
	opts, err := a.indexOptions(ctx)
	if err != nil {
		return err
	}
	path := filepath.Join(a.cfg.DataDir, "index")
	reason := ""
	opts.Holder = use.holder
	opts.OnCorrupt = func(err error) {
		reason = err.Error()
		a.log.Warn("search index unusable; rebuilding it", "path", path, "reason", reason)
	}
	ix, err := kb.Open(path, opts)
	var locked *kb.LockedError
	switch {
	case errors.As(err, &locked) && use.readOnly:
		return a.openCopy(ctx, opts, rev, locked, progressOut)
	case errors.As(err, &locked):
		return errIndexInUse(locked)
	case err != nil:
		return fmt.Errorf("open index: %w", err)
	case reason != "":
	case ix.Stamp() == "":
		reason = "missing"
		a.log.Info("search index is new; building it", "path", path)
	case ix.Stamp() != rev:
		reason = "stale"
		a.log.Info("search index is stale; rebuilding it", "path", path, "index_revision", ix.Stamp(), "store_revision", rev)
	}
	a.index = ix
	if reason != "" {
		return a.rebuild(ctx, rev, progressOut)
	}
	return nil
}

func (a *app) indexOptions(ctx context.Context) (kb.Options, error) {
	var opts kb.Options
	if a.cfg.SynonymsFile != "" {
		syn, err := kb.LoadSynonyms(a.cfg.SynonymsFile)
		if err != nil {
			return opts, err
		}
		opts.Synonyms = syn
	}
	if a.cfg.EmbedModel != "" {
		// nil (logged) when the model cannot embed now: keyword search only.
		if e := ollama.ProbeEmbedder(ctx, a.ollama.Embedder(a.cfg.EmbedModel), a.log); e != nil {
			opts.Embedder = e
		}
		opts.OnEmbedError = ollama.EmbedErrorLogger(a.log)
	}
	return opts, nil
}

// applySavedSynonyms uses the synonyms editors saved in the editor, which
// replace the built-in list and LOS_SYNONYMS.
func (a *app) applySavedSynonyms(ctx context.Context) error {
	saved, ok, err := a.db.Synonyms(ctx)
	if err != nil || !ok {
		return err
	}
	syn, err := kb.ParseSynonyms("synonyms saved in the editor", strings.NewReader(saved.Text))
	if err != nil {
		return err
	}
	a.index.SetSynonyms(syn)
	return nil
}

// rebuild reindexes every article from the store.
func (a *app) rebuild(ctx context.Context, rev string, progressOut io.Writer) error {
	articles, err := a.db.Articles(ctx)
	if err != nil {
		return err
	}
	start := time.Now()
	var bar *progress.Bar
	if progressOut != nil {
		bar = progress.New(progressOut, "indexing")
		defer bar.Done()
	}
	err = a.index.Rebuild(ctx, articles, rev, func(done, total int) {
		if bar != nil {
			bar.Update(int64(done), int64(total))
		}
	})
	if err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	a.log.Info("search index built", "articles", len(articles), "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// webhookGuard is what webhooks may reach: internal addresses only when
// the operator allows them (LOS_WEBHOOK_ALLOW_PRIVATE).
func webhookGuard(cfg config.Config) webhook.Guard {
	return webhook.Guard{AllowPrivate: cfg.WebhookAllowPrivate}
}
