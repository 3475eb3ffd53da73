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
// does no harm; with several replicas on PostgreSQL each run happens on
// one replica at a time (db.RunOnce: an advisory lock), the others skip it.
func runJobs(ctx context.Context, db *store.DB, cfg config.Config, log *slog.Logger) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		every(ctx, idleCloseEvery, func() {
			var n int
			_, err := db.RunOnce(ctx, "idle-close", func(ctx context.Context) (err error) {
				n, err = db.CloseIdle(ctx, time.Now().Add(-cfg.IdleClose))
				return err
			})
			report(ctx, log, "idle close: closed quiet conversations", n, err)
		})
	}()
	every(ctx, purgeEvery, func() {
		_, err := db.RunOnce(ctx, "retention", func(ctx context.Context) error {
			purge(ctx, db, cfg, log)
			return nil
		})
		if err != nil && ctx.Err() == nil {
			log.Error("retention: could not take the job's lock; will retry", "err", err)
		}
	})
	<-done
}

// purge deletes expired conversations, then finished webhook deliveries
// and read events older than LOS_WEBHOOK_LOG_DAYS (pending deliveries
// stay), and logs how many.
func purge(ctx context.Context, db *store.DB, cfg config.Config, log *slog.Logger) {
	n, err := db.Purge(ctx, store.Retention{
		Conversations: days(cfg.RetentionDays),
		Handoffs:      days(cfg.HandoffDays),
	})
	report(ctx, log, "retention: deleted expired conversations", int(n), err)
	if n > 0 {
		// PostgreSQL: let the space of the deleted rows be reused now.
		if err := db.Reclaim(ctx); err != nil && ctx.Err() == nil {
			log.Warn("retention: reclaiming the space of deleted conversations failed", "err", err)
		}
	}
	p, err := db.PruneWebhookLog(ctx, days(cfg.WebhookLogDays), store.DefaultPruneBatch)
	switch {
	case err != nil && ctx.Err() == nil:
		log.Error("retention: pruning the webhook delivery log failed; will retry", "err", err,
			"deliveries", p.Deliveries, "events", p.Events)
	case p.Deliveries > 0 || p.Events > 0:
		log.Info("retention: pruned the webhook delivery log", "deliveries", p.Deliveries, "events", p.Events,
			"older_than_days", cfg.WebhookLogDays)
	}
}

func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

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
