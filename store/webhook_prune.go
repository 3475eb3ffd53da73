package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/los-bot/los"
)

// WebhookPruned counts what PruneWebhookLog deleted.
type WebhookPruned struct {
	Deliveries int64 // delivered or failed deliveries
	Events     int64 // outbox events
}

// DefaultPruneBatch is how many rows of each kind one transaction of
// PruneWebhookLog deletes at most, so writers wait for short moments only.
const DefaultPruneBatch = 1000

// PruneWebhookLog deletes what is older than keep from the webhook
// delivery log and the events outbox, in transactions of at most batch
// rows of each kind (DefaultPruneBatch when batch < 1):
//   - deliveries that are finished (delivered, or failed for good) and
//     last changed before then;
//   - events created before then that the webhook worker has read and no
//     pending delivery waits on.
//
// Pending deliveries are never deleted, nor is the newest event: its ID
// keeps the IDs of new events rising past the worker's cursor. It only
// compares times, so it is safe to run again or from several replicas.
func (s *DB) PruneWebhookLog(ctx context.Context, keep time.Duration, batch int) (WebhookPruned, error) {
	if batch < 1 {
		batch = DefaultPruneBatch
	}
	cutoff := millis(s.now().Add(-keep))
	var total WebhookPruned
	for {
		var n WebhookPruned
		err := s.tx(ctx, func(tx *sql.Tx) error {
			var err error
			if n.Deliveries, err = pruneDeliveries(ctx, tx, cutoff, batch); err != nil {
				return err
			}
			n.Events, err = pruneEvents(ctx, tx, cutoff, batch)
			return err
		})
		if err != nil {
			return total, err
		}
		total.Deliveries += n.Deliveries
		total.Events += n.Events
		if n.Deliveries < int64(batch) && n.Events < int64(batch) {
			return total, nil
		}
		if err := ctx.Err(); err != nil {
			return total, err
		}
	}
}

func pruneDeliveries(ctx context.Context, tx *sql.Tx, cutoff int64, batch int) (int64, error) {
	res, err := tx.ExecContext(ctx, `DELETE FROM webhook_deliveries WHERE id IN (
		SELECT id FROM webhook_deliveries WHERE status IN (?, ?) AND updated < ? LIMIT ?)`,
		los.DeliveryDelivered, los.DeliveryFailed, cutoff, batch)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func pruneEvents(ctx context.Context, tx *sql.Tx, cutoff int64, batch int) (int64, error) {
	var v string
	err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, cursorKey).Scan(&v)
	if isNoRows(err) {
		return 0, nil // the worker has read nothing yet
	}
	if err != nil {
		return 0, err
	}
	cursor, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM events WHERE id IN (
		SELECT e.id FROM events e
		WHERE e.created < ? AND e.id <= ? AND e.id < (SELECT max(id) FROM events)
		  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = ?)
		LIMIT ?)`, cutoff, cursor, los.DeliveryPending, batch)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
