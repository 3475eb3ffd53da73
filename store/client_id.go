package store

import (
	"context"
	"database/sql"

	"github.com/los-bot/los"
)

// ClientTurn returns the customer message of a conversation that has the
// client's ID clientID, and the bot's reply to it, each nil when not
// stored (a message held for an agent, or answered by nobody yet, has no
// reply).
func (s *DB) ClientTurn(ctx context.Context, conversationID, clientID string) (customer, reply *los.Message, err error) {
	ms, err := queryMessages(ctx, s.db, `WHERE conversation_id = ? AND client_id = ? ORDER BY id`, conversationID, clientID)
	if err != nil {
		return nil, nil, err
	}
	for i := range ms {
		switch ms[i].Role {
		case los.RoleCustomer:
			customer = &ms[i]
		case los.RoleBot:
			reply = &ms[i]
		}
	}
	return customer, reply, nil
}

// insertOrFind inserts m, or, when its ClientID is stored already for its
// role in its conversation, reads the stored message into m and reports
// a repeat.
func (s *DB) insertOrFind(ctx context.Context, tx *sql.Tx, m *los.Message) (repeat bool, err error) {
	inserted, err := s.tryInsertMessage(ctx, tx, m)
	if err != nil || inserted {
		return false, err
	}
	stored, err := messageByClientID(ctx, tx, m.ConversationID, m.ClientID, m.Role)
	if err != nil {
		return false, err
	}
	if stored == nil {
		// Only a client ID can make the insert do nothing.
		return false, los.Errorf(los.EINTERNAL, "message in conversation %s neither inserted nor found", m.ConversationID)
	}
	*m = *stored
	m.Repeat = true
	return true, nil
}

// messageByClientID returns the message of role with clientID in a
// conversation, or nil.
func messageByClientID(ctx context.Context, q querier, conversationID, clientID string, role los.Role) (*los.Message, error) {
	if clientID == "" {
		return nil, nil
	}
	ms, err := queryMessages(ctx, q, `WHERE conversation_id = ? AND client_id = ? AND role = ?`, conversationID, clientID, string(role))
	if err != nil || len(ms) == 0 {
		return nil, err
	}
	return &ms[0], nil
}

const messageCols = `id, conversation_id, role, text, created, mode, action, category, citations, no_answer, rating, signals, author_name, coalesce(client_id, ''), first_token_ms`

// queryMessages reads the messages that where (a WHERE clause, with
// ORDER BY when it matters) selects.
func queryMessages(ctx context.Context, q querier, where string, args ...any) ([]los.Message, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+messageCols+` FROM messages `+where, args...)
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
		if err := rows.Scan(&m.ID, &m.ConversationID, &role, &m.Text, &created, &mode, &action, &cat, asJSON(&m.Citations),
			&m.NoAnswer, &m.Rating, asJSON(&m.Signals), &m.AuthorName, &m.ClientID, &m.FirstTokenMS); err != nil {
			return nil, err
		}
		m.Role, m.Mode, m.Action, m.Category = los.Role(role), los.Mode(mode), los.Action(action), los.Category(cat)
		m.Created = fromMillis(created)
		out = append(out, m)
	}
	return out, rows.Err()
}

// nullIfEmpty stores "" as NULL, for nullable unique columns.
func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
