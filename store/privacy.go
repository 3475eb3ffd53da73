package store

import (
	"context"
	"database/sql"
	"time"
)

// DeleteConversation removes a conversation and everything about it
// (messages, handoffs and what else references it, by cascade) at once.
func (s *DB) DeleteConversation(ctx context.Context, id string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM conversations WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("conversation", id)
		}
		// Nothing keeps the deleted conversation's ID.
		_, err = tx.ExecContext(ctx, `UPDATE conversations SET previous_id = '' WHERE previous_id = ?`, id)
		return err
	})
}

// Retention says how long conversations are kept.
type Retention struct {
	// Conversations without a handoff are deleted this long after their
	// last message.
	Conversations time.Duration
	// Handed-over conversations (the agents' tickets and their
	// transcripts) are kept this long after their last activity.
	Handoffs time.Duration
}

// Purge deletes what is older than the retention allows and returns how
// many conversations it deleted. It only compares times, so it is safe to
// run again after a crash or from several replicas.
func (s *DB) Purge(ctx context.Context, r Retention) (int64, error) {
	now := s.now()
	convCutoff := millis(now.Add(-r.Conversations))
	handoffCutoff := millis(now.Add(-r.Handoffs))
	var total int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM conversations
			WHERE (updated < ? AND NOT EXISTS (SELECT 1 FROM handoffs h WHERE h.conversation_id = conversations.id))
			   OR (updated < ? AND EXISTS (SELECT 1 FROM handoffs h WHERE h.conversation_id = conversations.id))`,
			convCutoff, handoffCutoff)
		if err != nil {
			return err
		}
		total, _ = res.RowsAffected()
		if total == 0 {
			return nil
		}
		// Later conversations keep no ID of the deleted ones.
		_, err = tx.ExecContext(ctx, `UPDATE conversations SET previous_id = ''
			WHERE previous_id != '' AND NOT EXISTS (SELECT 1 FROM conversations p WHERE p.id = conversations.previous_id)`)
		return err
	})
	return total, err
}
