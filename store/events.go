package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/los-bot/los"
)

// Events returns up to limit events with an ID above after, oldest first.
func (s *DB) Events(ctx context.Context, after int64, limit int) ([]los.Event, error) {
	return eventsAfter(ctx, s.db, after, limit)
}

// eventsAfter reads events through q: the database, or a transaction that
// must see its own writes.
func eventsAfter(ctx context.Context, q querier, after int64, limit int) ([]los.Event, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, type, conversation_id, data, created FROM events WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []los.Event{}
	for rows.Next() {
		var (
			e       los.Event
			data    string
			created int64
		)
		if err := rows.Scan(&e.ID, &e.Type, &e.ConversationID, &data, &created); err != nil {
			return nil, err
		}
		e.Data, e.Created = json.RawMessage(data), fromMillis(created)
		out = append(out, e)
	}
	return out, rows.Err()
}

func insertEvent(ctx context.Context, tx *sql.Tx, typ, conversationID string, data any, at time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO events (type, conversation_id, data, created) VALUES (?, ?, ?, ?)`, typ, conversationID, asJSON(&data), millis(at))
	return err
}
