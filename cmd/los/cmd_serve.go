package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"

	"github.com/los-bot/los/config"
	"github.com/los-bot/los/store"

	"github.com/los-bot/los"
	"github.com/los-bot/los/metrics"
	"github.com/los-bot/los/ollama"
	"github.com/los-bot/los/webhook"
)

func cmdServe(ctx context.Context, e *env) error {
	var fs flag.FlagSet
	if err := e.parse("serve", &fs, 0, ""); err != nil {
		return err
	}
	return serve(ctx, e, nil)
}

// serve runs Los until ctx ends, then shuts down gracefully: it stops
// accepting, lets answers in flight (streams included) finish within the
// shutdown period, then closes index and store. listening, when not nil,
// receives the bound address (tests listen on port 0).
func serve(ctx context.Context, e *env, listening func(addr string)) error {
	a, err := openApp(ctx, e.cfg, e.log, e.stderr, writeIndex("serve"))
	if err != nil {
		return err
	}
	defer a.Close()

	a.ollama.Start(ctx)
	reportOllama(ctx, e.log, a.ollama)
	if a.apertium.Available() == nil && e.cfg.ApertiumIdle == 0 {
		// Kept warm: load Apertium's dictionaries now, not in the first
		// customer's turn. With an idle stop they load at the first need.
		go func() {
			if err := a.apertium.Start(); err != nil {
				e.log.Warn("Apertium did not start; it is tried again at the next translation", "err", err)
			}
		}()
	}
	if len(e.cfg.TOTPRoles) == 0 {
		e.log.Warn("no role must sign in with a second factor; set LOS_TOTP_ROLES=agent,editor,admin (each user then sets up TOTP at their next sign-in)")
	}
	m := metrics.New()
	m.WatchModelHosts(a.ollama.Snapshot)
	srv, err := a.server(e, m)
	if err != nil {
		return err
	}
	hs := srv.HTTPServer(e.cfg.Addr)
	ln, err := net.Listen("tcp", e.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another Los running? choose another port with --addr)", e.cfg.Addr, err)
	}
	addr := ln.Addr().String()
	e.log.Info("Los is serving", "url", "http://"+addr+"/", "data", e.cfg.DataDir, "store", storeName(e.cfg))
	if listening != nil {
		listening(addr)
	}

	jobs, stopJobs := context.WithCancel(ctx)
	if a.replica != nil {
		// Inboxes and the index follow the other replicas.
		replicaDone := make(chan struct{})
		go func() {
			defer close(replicaDone)
			a.replica.Run(jobs)
		}()
		defer func() { stopJobs(); <-replicaDone }()
	}
	jobsDone := make(chan struct{})
	go func() {
		defer close(jobsDone)
		runJobs(jobs, a.db, e.cfg, e.log)
	}()
	// Webhook deliveries: a background worker reading the events outbox,
	// so a slow receiver never delays a chat turn.
	hooksDone := make(chan struct{})
	go func() {
		defer close(hooksDone)
		w := webhook.NewWorker(a.db, e.log)
		w.Client = webhook.NewClient(webhookGuard(e.cfg))
		w.Metrics = m
		w.Run(jobs)
	}()
	defer func() { stopJobs(); <-hooksDone }()
	// Background jobs end before the store closes (deferred above).
	defer func() { stopJobs(); <-jobsDone }()

	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	e.log.Info("shutting down; letting answers in flight finish", "timeout", e.cfg.ShutdownPeriod)
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), e.cfg.ShutdownPeriod)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		e.log.Warn("shutdown timed out; closing remaining connections", "err", err)
		hs.Close()
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	e.log.Info("stopped")
	return nil
}

// reportOllama logs at start what the Ollama hosts' first checks found,
// when it is not all well.
func reportOllama(ctx context.Context, log *slog.Logger, pool *ollama.Pool) {
	state, ok := pool.Ready(ctx)
	if ok {
		return
	}
	up := 0
	for _, h := range pool.Hosts() {
		if h.State == los.HostUp {
			up++
		}
	}
	if up == 0 {
		log.Warn("Ollama is not ready; answering from the knowledge base alone until it is", "state", state)
		return
	}
	log.Warn("some Ollama hosts are not ready; turns go to the others until they are", "state", state)
}

// storeName says where the store is, for the start log: the SQLite file,
// or the PostgreSQL database without its password.
func storeName(cfg config.Config) string {
	if cfg.Postgres() {
		return store.Redacted(cfg.DatabaseURL)
	}
	return filepath.Join(cfg.DataDir, "los.db")
}
