package store

import (
	"context"
	"strconv"

	"github.com/los-bot/los"
)

const hookCols = `id, url, events, secret, active, created, updated`

// CreateWebhook stores a new subscription; ID, Created and Updated are set.
func (s *DB) CreateWebhook(ctx context.Context, w *los.Webhook) error {
	w.Created, w.Updated = s.now(), s.now()
	// It hears of events after its creation only.
	return s.db.QueryRowContext(ctx, `INSERT INTO webhooks (url, events, secret, active, after, created, updated)
		VALUES (?, ?, ?, ?, (SELECT coalesce(max(id), 0) FROM events), ?, ?) RETURNING id`,
		w.URL, asJSON(&w.Events), w.Secret, w.Active, millis(w.Created), millis(w.Updated)).Scan(&w.ID)
}

// Webhooks returns every subscription, oldest first.
func (s *DB) Webhooks(ctx context.Context) ([]los.Webhook, error) {
	return s.queryHooks(ctx, `SELECT `+hookCols+` FROM webhooks ORDER BY id`)
}

// Webhook returns subscription id.
func (s *DB) Webhook(ctx context.Context, id int64) (*los.Webhook, error) {
	hs, err := s.queryHooks(ctx, `SELECT `+hookCols+` FROM webhooks WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(hs) == 0 {
		return nil, notFound("webhook", strconv.FormatInt(id, 10))
	}
	return &hs[0], nil
}

// UpdateWebhook saves w's URL, events and active flag; Updated is set.
func (s *DB) UpdateWebhook(ctx context.Context, w *los.Webhook) error {
	w.Updated = s.now()
	res, err := s.db.ExecContext(ctx, `UPDATE webhooks SET url = ?, events = ?, active = ?, updated = ? WHERE id = ?`,
		w.URL, asJSON(&w.Events), w.Active, millis(w.Updated), w.ID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("webhook", strconv.FormatInt(w.ID, 10))
	}
	return nil
}

// DeleteWebhook deletes subscription id and its deliveries.
func (s *DB) DeleteWebhook(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM webhooks WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("webhook", strconv.FormatInt(id, 10))
	}
	return nil
}

func (s *DB) queryHooks(ctx context.Context, query string, args ...any) ([]los.Webhook, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []los.Webhook{}
	for rows.Next() {
		var (
			w                los.Webhook
			created, updated int64
		)
		if err := rows.Scan(&w.ID, &w.URL, asJSON(&w.Events), &w.Secret, &w.Active, &created, &updated); err != nil {
			return nil, err
		}
		w.Created, w.Updated = fromMillis(created), fromMillis(updated)
		out = append(out, w)
	}
	return out, rows.Err()
}
