package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"

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

	probe := ollama.NewProbe(a.ollama, e.cfg.ChatModel, e.cfg.EmbedModel)
	if state, ok := probe.Check(ctx); !ok {
		e.log.Warn("Ollama is not ready; answering from the knowledge base alone until it is", "state", state)
	}
	if a.apertium.Available() == nil {
		// Load Apertium's dictionaries now, not in the first customer's turn.
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
	srv, err := a.server(e, m, probe)
	if err != nil {
		return err
	}
	hs := srv.HTTPServer(e.cfg.Addr)
	ln, err := net.Listen("tcp", e.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another Los running? choose another port with --addr)", e.cfg.Addr, err)
	}
	addr := ln.Addr().String()
	e.log.Info("Los is serving", "url", "http://"+addr+"/", "data", e.cfg.DataDir)
	if listening != nil {
		listening(addr)
	}

	jobs, stopJobs := context.WithCancel(ctx)
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
