package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/los-bot/los"
)

const cursorKey = "webhook_cursor"

// FanOut queues a delivery to every active webhook subscribed to each
// event in the outbox after the cursor, up to limit events, and moves the
// cursor past them, in one transaction. body renders an event as sent.
// It returns how many events it read.
func (s *DB) FanOut(ctx context.Context, limit int, body func(los.Event) ([]byte, error)) (int, error) {
	var n int
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var cursor int64
		var v string
		err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, cursorKey).Scan(&v)
		if err != nil && !isNoRows(err) {
			return err
		}
		cursor, _ = strconv.ParseInt(v, 10, 64)
		events, err := eventsAfter(ctx, tx, cursor, limit)
		if err != nil || len(events) == 0 {
			return err
		}
		hooks, err := s.activeHooks(ctx, tx)
		if err != nil {
			return err
		}
		now := millis(s.now())
		for _, e := range events {
			for _, h := range hooks {
				if e.ID <= h.after || !slices.Contains(h.Events, e.Type) {
					continue
				}
				b, err := body(e)
				if err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, body, status, next_attempt, created, updated)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, h.ID, e.ID, e.Type, string(b), los.DeliveryPending, now, now, now); err != nil {
					return err
				}
			}
		}
		n = len(events)
		_, err = tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
			cursorKey, strconv.FormatInt(events[len(events)-1].ID, 10))
		return err
	})
	return n, err
}

type activeHook struct {
	ID     int64
	Events []string
	after  int64
}

func (s *DB) activeHooks(ctx context.Context, tx *sql.Tx) ([]activeHook, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, events, after FROM webhooks WHERE active = 1`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []activeHook
	for rows.Next() {
		var h activeHook
		if err := rows.Scan(&h.ID, asJSON(&h.Events), &h.after); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

const deliveryCols = `d.id, d.webhook_id, d.event_id, d.event_type, d.body, d.status, d.attempts, d.next_attempt,
	d.last_status, d.last_error, d.created, d.updated, w.url, w.secret`

const deliveryFrom = ` FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id`

// ClaimFor is how long a claimed delivery is left to the worker that
// claimed it: longer than an attempt takes. A worker that dies with it
// leaves it to be tried again after that.
const ClaimFor = 2 * time.Minute

// DueDeliveries claims up to limit pending deliveries due at now, to
// active webhooks, oldest first: their next attempt moves to now +
// ClaimFor, so no other worker (on another replica) takes them while this
// one sends; RecordAttempt then sets the real next attempt. On PostgreSQL
// workers skip the rows another is claiming (FOR UPDATE SKIP LOCKED).
func (s *DB) DueDeliveries(ctx context.Context, now time.Time, limit int) ([]los.Delivery, error) {
	rows, err := s.db.QueryContext(ctx, `UPDATE webhook_deliveries SET next_attempt = ?
		WHERE status = ? AND next_attempt <= ? AND id IN (
			SELECT d.id`+deliveryFrom+` WHERE d.status = ? AND d.next_attempt <= ? AND w.active = 1
			ORDER BY d.next_attempt, d.id LIMIT ?`+s.eng.forUpdateSkipLocked("d")+`)
		RETURNING id`, millis(now.Add(ClaimFor)), los.DeliveryPending, millis(now), los.DeliveryPending, millis(now), limit)
	if err != nil {
		return nil, err
	}
	var ids []any
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return []los.Delivery{}, err
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")
	return s.queryDeliveries(ctx, `SELECT `+deliveryCols+deliveryFrom+` WHERE d.id IN (`+marks+`) ORDER BY d.id`, ids...)
}

// Deliveries returns the latest limit deliveries to webhook id, newest
// first.
func (s *DB) Deliveries(ctx context.Context, webhookID int64, limit int) ([]los.Delivery, error) {
	if _, err := s.Webhook(ctx, webhookID); err != nil {
		return nil, err
	}
	return s.queryDeliveries(ctx, `SELECT `+deliveryCols+deliveryFrom+` WHERE d.webhook_id = ? ORDER BY d.id DESC LIMIT ?`, webhookID, limit)
}

// RecordAttempt stores the outcome of one attempt: the new status, the
// receiver's HTTP status (0 if none), the error, and when to try next.
func (s *DB) RecordAttempt(ctx context.Context, id int64, status string, httpStatus int, errMsg string, next time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, last_status = ?,
		last_error = ?, next_attempt = ?, updated = ? WHERE id = ?`, status, httpStatus, errMsg, millis(next), millis(s.now()), id)
	return err
}

// Redeliver queues delivery id of webhook webhookID again, now, with a
// fresh count of attempts.
func (s *DB) Redeliver(ctx context.Context, webhookID, id int64) (*los.Delivery, error) {
	now := millis(s.now())
	res, err := s.db.ExecContext(ctx, `UPDATE webhook_deliveries SET status = ?, attempts = 0, next_attempt = ?, updated = ?
		WHERE id = ? AND webhook_id = ?`, los.DeliveryPending, now, now, id, webhookID)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, notFound("delivery", strconv.FormatInt(id, 10))
	}
	ds, err := s.queryDeliveries(ctx, `SELECT `+deliveryCols+deliveryFrom+` WHERE d.id = ?`, id)
	if err != nil || len(ds) == 0 {
		return nil, err
	}
	return &ds[0], nil
}

func (s *DB) queryDeliveries(ctx context.Context, query string, args ...any) ([]los.Delivery, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []los.Delivery{}
	for rows.Next() {
		var (
			d                      los.Delivery
			body                   string
			next, created, updated int64
		)
		if err := rows.Scan(&d.ID, &d.WebhookID, &d.EventID, &d.EventType, &body, &d.Status, &d.Attempts, &next,
			&d.LastStatus, &d.LastError, &created, &updated, &d.URL, &d.Secret); err != nil {
			return nil, err
		}
		d.Body, d.Created, d.Updated = json.RawMessage(body), fromMillis(created), fromMillis(updated)
		if d.Status == los.DeliveryPending {
			t := fromMillis(next)
			d.NextAttempt = &t
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
