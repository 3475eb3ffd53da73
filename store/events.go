package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"
)

// Event is one entry in the outbox: something integrators may want to
// hear about (by webhook), written in the same transaction as the change.
type Event struct {
	ID             int64           `json:"id"`
	Type           string          `json:"type"`
	ConversationID string          `json:"conversation_id,omitempty"`
	Data           json.RawMessage `json:"data"`
	Created        time.Time       `json:"created"`
}

// Events returns up to limit events with an ID above after, oldest first.
func (s *DB) Events(ctx context.Context, after int64, limit int) ([]Event, error) {
	return eventsAfter(ctx, s.db, after, limit)
}

// eventsAfter reads events through q: the database, or a transaction that
// must see its own writes.
func eventsAfter(ctx context.Context, q querier, after int64, limit int) ([]Event, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, type, conversation_id, data, created FROM events WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Event{}
	for rows.Next() {
		var (
			e       Event
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

// Event types the integrator API adds to the outbox.
const (
	EventMessageCreated   = "message.created"
	EventFeedbackReceived = "feedback.received"
	EventArticlePublished = "article.published"
)
