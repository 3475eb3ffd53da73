package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/los-bot/los/config"
	"github.com/los-bot/los/store"
)

// purgeEvery is how often the retention job runs.
const purgeEvery = time.Hour

// runRetention deletes expired conversations at start and then every hour
// until ctx ends. Purge compares times only, so a restart or a second
// replica does no harm.
func runRetention(ctx context.Context, db *store.DB, cfg config.Config, log *slog.Logger) {
	r := store.Retention{
		Conversations: time.Duration(cfg.RetentionDays) * 24 * time.Hour,
		Handoffs:      time.Duration(cfg.HandoffDays) * 24 * time.Hour,
	}
	t := time.NewTicker(purgeEvery)
	defer t.Stop()
	for {
		n, err := db.Purge(ctx, r)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error("retention: purge failed; will retry", "err", err)
		case n > 0:
			log.Info("retention: deleted expired conversations", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
