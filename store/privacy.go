package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// DeleteConversation removes a conversation and everything about it
// (messages, handoffs and what else references it, by cascade) at once,
// then checkpoints the WAL so no copy of its text stays in los.db-wal (see
// checkpoint). The conversation is deleted even when the checkpoint has to
// wait for the retention job's.
func (s *DB) DeleteConversation(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM conversations WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("conversation", id)
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), checkpointWait)
	defer cancel()
	_ = s.checkpoint(cctx)
	return nil
}

// checkpointWait bounds how long a customer's delete waits for the WAL
// checkpoint; when readers hold it longer, the next retention run
// truncates the WAL.
const checkpointWait = 3 * time.Second

// checkpoint copies the WAL into the database and truncates it to zero
// bytes. secure_delete overwrites deleted rows in the database file, but
// not the WAL, which keeps every page as it was written (inserted text
// included) until a checkpoint; TRUNCATE empties it.
func (s *DB) checkpoint(ctx context.Context) error {
	var busy, pages, done int
	if err := s.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &pages, &done); err != nil {
		return fmt.Errorf("wal checkpoint: %w", err)
	}
	if busy != 0 {
		return errors.New("wal checkpoint: readers or a writer held it; the WAL is truncated at the next one")
	}
	return nil
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
		return nil
	})
	if err != nil {
		return total, err
	}
	// Always, so a delete whose own checkpoint had to wait is finished here.
	return total, s.checkpoint(ctx)
}
