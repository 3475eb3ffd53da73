package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/los-bot/los/config"
	"github.com/los-bot/los/store"
)

// How often the background jobs run.
const (
	purgeEvery     = time.Hour
	idleCloseEvery = time.Minute
)

// runJobs runs the background jobs until ctx ends: the retention purge and
// the closing of idle conversations. Both compare times only, so a restart
// or a second replica does no harm.
func runJobs(ctx context.Context, db *store.DB, cfg config.Config, log *slog.Logger) {
	r := store.Retention{
		Conversations: time.Duration(cfg.RetentionDays) * 24 * time.Hour,
		Handoffs:      time.Duration(cfg.HandoffDays) * 24 * time.Hour,
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		every(ctx, idleCloseEvery, func() {
			n, err := db.CloseIdle(ctx, time.Now().Add(-cfg.IdleClose))
			report(ctx, log, "idle close: closed quiet conversations", n, err)
		})
	}()
	every(ctx, purgeEvery, func() {
		n, err := db.Purge(ctx, r)
		report(ctx, log, "retention: deleted expired conversations", int(n), err)
	})
	<-done
}

// every runs job at once and then every interval until ctx ends.
func every(ctx context.Context, interval time.Duration, job func()) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		job()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func report(ctx context.Context, log *slog.Logger, msg string, n int, err error) {
	switch {
	case err != nil && ctx.Err() == nil:
		log.Error(msg+" failed; will retry", "err", err)
	case n > 0:
		log.Info(msg, "count", n)
	}
}
