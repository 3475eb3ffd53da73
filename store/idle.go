package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/los-bot/los/bot"
)

// CloseIdle closes the conversations the bot holds (status open) whose
// last message is older than before, and records conversation.closed for
// each. Handed-over conversations are the agents' to close. It returns how
// many it closed and is safe to run again.
func (s *DB) CloseIdle(ctx context.Context, before time.Time) (int, error) {
	now := s.now()
	var n int
	err := s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM conversations WHERE status = ? AND updated < ?
			AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = conversations.id)`, string(bot.StatusOpen), millis(before))
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
			if _, err := tx.ExecContext(ctx, `UPDATE conversations SET status = ? WHERE id = ?`, string(bot.StatusClosed), id); err != nil {
				return err
			}
			if err := insertEvent(ctx, tx, EventConversationClose, id, map[string]any{"reason": "inactive"}, now); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	return n, err
}
