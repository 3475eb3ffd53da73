package store

import (
	"context"
	"database/sql"

	"github.com/los-bot/los"
)

// CreateCallback stores an open call-back ticket. ID, Status and Created
// are set.
func (s *DB) CreateCallback(ctx context.Context, cb *los.Callback) error {
	cb.Created, cb.Status = s.now(), "open"
	cb.Name, cb.Note = s.redaction.personal(cb.Name), s.redaction.personal(cb.Note)
	return s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO callbacks (conversation_id, name, phone, note, status, created) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
			cb.ConversationID, cb.Name, cb.Phone, cb.Note, cb.Status, millis(cb.Created)).Scan(&cb.ID)
		if err != nil {
			return err
		}
		return insertEvent(ctx, tx, los.EventCallbackRequested, cb.ConversationID, map[string]any{"callback_id": cb.ID}, cb.Created)
	})
}

// Callbacks returns the open tickets, oldest first, then up to 50 done
// ones, most recently handled first.
func (s *DB) Callbacks(ctx context.Context) ([]los.Callback, error) {
	const cols = `SELECT id, conversation_id, name, phone, note, status, created, handled_by, handled_at FROM callbacks`
	open, err := s.callbacks(ctx, cols+` WHERE status = 'open' ORDER BY created, id`)
	if err != nil {
		return nil, err
	}
	done, err := s.callbacks(ctx, cols+` WHERE status = 'done' ORDER BY handled_at DESC, id DESC LIMIT 50`)
	return append(open, done...), err
}

func (s *DB) callbacks(ctx context.Context, query string) ([]los.Callback, error) {
	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []los.Callback{}
	for rows.Next() {
		var (
			cb               los.Callback
			created, handled int64
		)
		if err := rows.Scan(&cb.ID, &cb.ConversationID, &cb.Name, &cb.Phone, &cb.Note, &cb.Status, &created, &cb.HandledBy, &handled); err != nil {
			return nil, err
		}
		cb.Created = fromMillis(created)
		if handled > 0 {
			cb.Handled = fromMillis(handled)
		}
		out = append(out, cb)
	}
	return out, rows.Err()
}

// CompleteCallback marks a ticket done by agent.
func (s *DB) CompleteCallback(ctx context.Context, id int64, agent string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE callbacks SET status = 'done', handled_by = ?, handled_at = ? WHERE id = ? AND status = 'open'`,
		agent, millis(s.now()), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return los.Errorf(los.ENOTFOUND, "no open call-back ticket %d", id)
	}
	return nil
}

// CallbackPending reports whether a conversation still waiting for a
// person was offered a call-back that the customer has not asked for
// since: the chat shows the call-back form again.
func (s *DB) CallbackPending(ctx context.Context, conversationID string) (bool, error) {
	var pending bool
	err := s.db.QueryRowContext(ctx, `SELECT EXISTS (
		SELECT 1 FROM messages m JOIN conversations c ON c.id = m.conversation_id
		WHERE m.conversation_id = ? AND m.role = 'bot' AND c.status = ?
			AND EXISTS (SELECT 1 FROM `+s.eng.jsonEach("m.signals", "j")+` WHERE j.value = ?)
			AND NOT EXISTS (SELECT 1 FROM callbacks cb WHERE cb.conversation_id = m.conversation_id AND cb.created >= m.created))`,
		conversationID, string(los.StatusWaiting), los.SignalCallbackOffered).Scan(&pending)
	return pending, err
}
