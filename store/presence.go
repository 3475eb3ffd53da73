package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/los-bot/los"
)

// Agent presence shared by replicas (the agent_presence table): each
// replica writes the agents it counts as present, and reads those the
// others count, so the bot on any replica knows whether anyone can take
// over. One SQLite process can use it too; Los counts in memory there.

// SetPresence replaces replica's present agents with agents, and deletes
// the rows of every replica last seen before expired (a replica that
// stopped leaves rows nobody counts any more).
func (s *DB) SetPresence(ctx context.Context, replica string, agents []los.PresentAgent, expired time.Time) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM agent_presence WHERE replica = ?`, replica); err != nil {
			return err
		}
		for _, a := range agents {
			if _, err := tx.ExecContext(ctx, `INSERT INTO agent_presence (replica, user_id, last_seen, streams) VALUES (?, ?, ?, ?)`,
				replica, a.UserID, millis(a.LastSeen), a.Streams); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `DELETE FROM agent_presence WHERE last_seen < ?`, millis(expired))
	return err
}

// PresentElsewhere returns the IDs of the agents present on replicas other
// than replica, seen after since, each once (an agent on two
// replicas is one agent), in ascending order.
func (s *DB) PresentElsewhere(ctx context.Context, replica string, since time.Time) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT user_id FROM agent_presence
		WHERE replica <> ? AND last_seen > ? ORDER BY user_id`, replica, millis(since))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
