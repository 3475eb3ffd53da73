package store

import (
	"context"
	"database/sql"

	"github.com/los-bot/los"
)

// AddNote stores an agent's internal note on a conversation, under the
// author's display name. ID, AuthorName and Created are set. Notes are
// kept apart from messages: no transcript, export or webhook reads them.
func (s *DB) AddNote(ctx context.Context, n *los.Note) error {
	n.Created = s.now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		var exists int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM conversations WHERE id = ?`, n.ConversationID).Scan(&exists); err != nil {
			return err
		}
		if exists == 0 {
			return notFound("conversation", n.ConversationID)
		}
		var err error
		if n.AuthorName, err = displayName(ctx, tx, n.Author); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `INSERT INTO notes (conversation_id, author, author_name, text, created) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			n.ConversationID, n.Author, n.AuthorName, n.Text, millis(n.Created)).Scan(&n.ID)
	})
}

// Notes returns a conversation's internal notes, oldest first.
func (s *DB) Notes(ctx context.Context, conversationID string) ([]los.Note, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, conversation_id, author, author_name, text, created FROM notes
		WHERE conversation_id = ? ORDER BY id`, conversationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []los.Note{}
	for rows.Next() {
		var (
			n       los.Note
			created int64
		)
		if err := rows.Scan(&n.ID, &n.ConversationID, &n.Author, &n.AuthorName, &n.Text, &created); err != nil {
			return nil, err
		}
		n.Created = fromMillis(created)
		out = append(out, n)
	}
	return out, rows.Err()
}
