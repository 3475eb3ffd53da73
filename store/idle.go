package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/los-bot/los"
)

// CloseIdle closes the conversations the bot holds (status open) whose
// last message is older than before, and records conversation.closed for
// each. Handed-over conversations are the agents' to close. It returns how
// many it closed and is safe to run again.
func (s *DB) CloseIdle(ctx context.Context, before time.Time) (int, error) {
	return s.closeIdle(ctx, before, "")
}

// CloseIdleConversation closes one conversation as CloseIdle would: only
// when the bot holds it, someone wrote in it and its last message is older
// than before. It reports whether it closed it, so a reader that finds a
// conversation past its quiet limit sees it closed even before the next
// run of the idle job.
func (s *DB) CloseIdleConversation(ctx context.Context, id string, before time.Time) (bool, error) {
	n, err := s.closeIdle(ctx, before, id)
	return n > 0, err
}

// closeIdle closes the quiet conversations, all of them or only the one
// with the given id.
func (s *DB) closeIdle(ctx context.Context, before time.Time, only string) (int, error) {
	now := s.now()
	var n int
	err := s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM conversations WHERE status = ? AND updated < ? AND (? = '' OR id = ?)
			AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = conversations.id)`, string(los.StatusOpen), millis(before), only, only)
		if err != nil {
			return err
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE conversations SET status = ? WHERE id = ?`, string(los.StatusClosed), id); err != nil {
				return err
			}
			if err := insertEvent(ctx, tx, los.EventConversationClose, id, map[string]any{"reason": CloseReasonInactive}, now); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	return n, err
}
