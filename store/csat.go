package store

import (
	"context"
	"unicode/utf8"

	"github.com/los-bot/los"
)

// MaxCSATComment is the longest CSAT comment, in characters.
const MaxCSATComment = 1000

// SetCSAT stores a conversation's CSAT answer; a later answer replaces an
// earlier one. Created is set.
func (s *DB) SetCSAT(ctx context.Context, c *los.CSAT) error {
	if c.Score < 1 || c.Score > 5 {
		return &los.Error{Code: los.EINVALID, Message: "score must be a whole number from 1 to 5", Key: "error.csat_score"}
	}
	if utf8.RuneCountInString(c.Comment) > MaxCSATComment {
		return &los.Error{Code: los.ETOOLARGE, Message: "comment is too long", Key: "error.too_long"}
	}
	c.Created = s.now()
	c.Comment = s.redaction.personal(c.Comment)
	res, err := s.db.ExecContext(ctx, `INSERT INTO csat (conversation_id, score, comment, created)
		SELECT id, ?, ?, ? FROM conversations WHERE id = ?
		ON CONFLICT (conversation_id) DO UPDATE SET score = excluded.score, comment = excluded.comment, created = excluded.created`,
		c.Score, c.Comment, millis(c.Created), c.ConversationID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("conversation", c.ConversationID)
	}
	return nil
}

// CSATOf returns a conversation's CSAT answer.
func (s *DB) CSATOf(ctx context.Context, conversationID string) (*los.CSAT, error) {
	c := los.CSAT{ConversationID: conversationID}
	var created int64
	err := s.db.QueryRowContext(ctx, `SELECT score, comment, created FROM csat WHERE conversation_id = ?`, conversationID).
		Scan(&c.Score, &c.Comment, &created)
	if isNoRows(err) {
		return nil, notFound("csat of conversation", conversationID)
	}
	if err != nil {
		return nil, err
	}
	c.Created = fromMillis(created)
	return &c, nil
}
