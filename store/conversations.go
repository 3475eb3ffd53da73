package store

import (
	"context"
	"database/sql"

	"github.com/los-bot/los"
)

// CreateConversation stores a new conversation; Created and Updated are set.
func (s *DB) CreateConversation(ctx context.Context, c *los.Conversation) error {
	now := s.now()
	c.Created, c.Updated = now, now
	if c.Status == "" {
		c.Status = los.StatusOpen
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO conversations (id, token_hash, lang, status, created, updated, page, page_title, visitor, api_key_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.TokenHash, string(c.Lang), string(c.Status), millis(now), millis(now), c.Page, c.PageTitle, c.Visitor, c.KeyID)
	return err
}

// Conversation returns one conversation.
func (s *DB) Conversation(ctx context.Context, id string) (*los.Conversation, error) {
	var (
		c                los.Conversation
		l, status        string
		created, updated int64
	)
	err := s.db.QueryRowContext(ctx, `SELECT id, token_hash, lang, status, created, updated, page, page_title, visitor, api_key_id FROM conversations WHERE id = ?`, id).
		Scan(&c.ID, &c.TokenHash, &l, &status, &created, &updated, &c.Page, &c.PageTitle, &c.Visitor, &c.KeyID)
	if isNoRows(err) {
		return nil, notFound("conversation", id)
	}
	if err != nil {
		return nil, err
	}
	c.Lang, c.Status = los.Standard(l), los.Status(status)
	c.Created, c.Updated = fromMillis(created), fromMillis(updated)
	return &c, nil
}

// SetConversationLang records the written standard of a conversation.
func (s *DB) SetConversationLang(ctx context.Context, id string, l los.Standard) error {
	_, err := s.db.ExecContext(ctx, `UPDATE conversations SET lang = ? WHERE id = ?`, string(l), id)
	return err
}

// SetConversationStatus moves a conversation to status.
func (s *DB) SetConversationStatus(ctx context.Context, id string, status los.Status) error {
	res, err := s.db.ExecContext(ctx, `UPDATE conversations SET status = ?, updated = ? WHERE id = ?`, string(status), millis(s.now()), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("conversation", id)
	}
	return nil
}

// AddTurn stores a customer message and the reply in one transaction. A
// conversation closed meanwhile (by the customer, an agent or the idle
// job, while the answer was written) is refused with ECONFLICT: nothing is
// added after the conversation ended.
func (s *DB) AddTurn(ctx context.Context, customer, reply *los.Message) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := requireOpen(ctx, tx, customer.ConversationID); err != nil {
			return err
		}
		if err := s.insertMessage(ctx, tx, customer); err != nil {
			return err
		}
		if err := s.insertMessage(ctx, tx, reply); err != nil {
			return err
		}
		return touch(ctx, tx, customer.ConversationID, reply.Created)
	})
}

// AddMessage stores one message; like AddTurn, not in a closed
// conversation.
func (s *DB) AddMessage(ctx context.Context, m *los.Message) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := requireOpen(ctx, tx, m.ConversationID); err != nil {
			return err
		}
		if err := s.insertMessage(ctx, tx, m); err != nil {
			return err
		}
		return touch(ctx, tx, m.ConversationID, m.Created)
	})
}

// errClosed is what writes to a closed conversation get; the customer
// reads the text of its Key.
var errClosed = &los.Error{Code: los.ECONFLICT, Message: "conversation is closed", Key: "error.closed"}

// requireOpen refuses a conversation that has been closed. A missing one
// is left to the insert's foreign key.
func requireOpen(ctx context.Context, tx *sql.Tx, id string) error {
	var status string
	err := tx.QueryRowContext(ctx, `SELECT status FROM conversations WHERE id = ?`, id).Scan(&status)
	switch {
	case isNoRows(err):
		return nil
	case err != nil:
		return err
	case status == string(los.StatusClosed):
		return errClosed
	}
	return nil
}

func touch(ctx context.Context, tx *sql.Tx, id string, at interface{ UnixMilli() int64 }) error {
	_, err := tx.ExecContext(ctx, `UPDATE conversations SET updated = ? WHERE id = ?`, at.UnixMilli(), id)
	return err
}

func (s *DB) insertMessage(ctx context.Context, tx *sql.Tx, m *los.Message) error {
	m.Text = s.redaction.message(m.Role, m.Text)
	err := tx.QueryRowContext(ctx, `INSERT INTO messages (conversation_id, role, text, created, mode, action, category, citations, no_answer, rating, signals, first_token_ms)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		m.ConversationID, string(m.Role), m.Text, millis(m.Created), string(m.Mode), string(m.Action), string(m.Category),
		asJSON(&m.Citations), m.NoAnswer, m.Rating, asJSON(&m.Signals), m.FirstTokenMS).Scan(&m.ID)
	if err != nil {
		return err
	}
	// Webhooks carry the message's ID, not its text: integrators read the
	// text through the API, so deleted conversations leave nothing behind.
	return insertEvent(ctx, tx, los.EventMessageCreated, m.ConversationID, map[string]any{"message_id": m.ID, "role": m.Role}, m.Created)
}

// Messages returns the messages of a conversation, oldest first.
func (s *DB) Messages(ctx context.Context, conversationID string) ([]los.Message, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, conversation_id, role, text, created, mode, action, category, citations, no_answer, rating, signals, author_name
		FROM messages WHERE conversation_id = ? ORDER BY id`, conversationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []los.Message
	for rows.Next() {
		var (
			m                       los.Message
			role, mode, action, cat string
			created                 int64
		)
		if err := rows.Scan(&m.ID, &m.ConversationID, &role, &m.Text, &created, &mode, &action, &cat, asJSON(&m.Citations), &m.NoAnswer, &m.Rating, asJSON(&m.Signals), &m.AuthorName); err != nil {
			return nil, err
		}
		m.Role, m.Mode, m.Action, m.Category = los.Role(role), los.Mode(mode), los.Action(action), los.Category(cat)
		m.Created = fromMillis(created)
		out = append(out, m)
	}
	return out, rows.Err()
}

// RateMessage stores a customer's rating (-1 or +1) of a bot message in
// the given conversation.
func (s *DB) RateMessage(ctx context.Context, conversationID string, messageID int64, rating int) error {
	if rating != -1 && rating != 1 {
		return los.Errorf(los.EINVALID, "rating must be -1 or 1")
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE messages SET rating = ? WHERE id = ? AND conversation_id = ? AND role = 'bot'`,
			rating, messageID, conversationID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return los.Errorf(los.ENOTFOUND, "no bot message %d in this conversation", messageID)
		}
		return insertEvent(ctx, tx, los.EventFeedbackReceived, conversationID, map[string]any{"message_id": messageID, "rating": rating}, s.now())
	})
}
