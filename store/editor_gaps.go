package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/los-bot/los/kb"
)

// Synonyms returns the synonyms editors saved; ok is false when none were.
func (s *DB) Synonyms(ctx context.Context) (syn kb.StoredSynonyms, ok bool, err error) {
	var updated int64
	err = s.db.QueryRowContext(ctx, `SELECT text, author, updated FROM kb_synonyms WHERE id = 1`).Scan(&syn.Text, &syn.Author, &updated)
	if isNoRows(err) {
		return syn, false, nil
	}
	if err != nil {
		return syn, false, err
	}
	syn.Updated = fromMillis(updated)
	return syn, true, nil
}

// SetSynonyms stores the synonyms; check them with kb.ParseSynonyms first.
func (s *DB) SetSynonyms(ctx context.Context, text, author string) (kb.StoredSynonyms, error) {
	now := s.now()
	err := s.tx(ctx, func(tx *sql.Tx) error { return s.setSynonyms(ctx, tx, text, author) })
	return kb.StoredSynonyms{Text: text, Author: author, Updated: fromMillis(millis(now))}, err
}

func (s *DB) setSynonyms(ctx context.Context, tx *sql.Tx, text, author string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO kb_synonyms (id, text, author, updated) VALUES (1, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET text = excluded.text, author = excluded.author, updated = excluded.updated`,
		text, author, millis(s.now()))
	return err
}

// GapQuestions returns up to limit such questions asked since since,
// newest first: for every bot message with no answer or a thumbs-down, the
// customer message before it.
func (s *DB) GapQuestions(ctx context.Context, since time.Time, limit int) ([]kb.GapQuestion, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT b.conversation_id, b.no_answer, b.rating, b.created,
			(SELECT c.text FROM messages c WHERE c.conversation_id = b.conversation_id AND c.id < b.id
				AND c.role = 'customer' ORDER BY c.id DESC LIMIT 1)
		FROM messages b
		WHERE b.role = 'bot' AND (b.no_answer = 1 OR b.rating = -1) AND b.created >= ?
		ORDER BY b.id DESC LIMIT ?`, millis(since), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []kb.GapQuestion
	for rows.Next() {
		var (
			q       kb.GapQuestion
			rating  int
			created int64
			text    *string
		)
		if err := rows.Scan(&q.ConversationID, &q.NoAnswer, &rating, &created, &text); err != nil {
			return nil, err
		}
		if text == nil || *text == "" {
			continue
		}
		q.Text, q.ThumbsDown, q.Created = *text, rating == -1, fromMillis(created)
		out = append(out, q)
	}
	return out, rows.Err()
}
