package store

import (
	"context"
	"strings"

	"github.com/los-bot/los"
)

// summaryCols are the columns scanSummary reads, from conversations c,
// their latest handoff h (may be NULL) and its holder u.
const summaryCols = `c.id, c.lang, c.status, c.created, c.updated, COALESCE(h.category, ''), h.id IS NOT NULL,
	COALESCE(h.claimed_by, ''), COALESCE(u.display_name, ''), ` + firstWords

const summaryFrom = ` FROM conversations c
	LEFT JOIN handoffs h ON h.id = (SELECT max(h2.id) FROM handoffs h2 WHERE h2.conversation_id = c.id)
	LEFT JOIN users u ON u.email = h.claimed_by AND h.claimed_by != ''`

// SearchConversations finds handed-over conversations, newest activity
// first. Text matches any message or internal note, ignoring case;
// Category and Agent match any of a conversation's handoffs.
func (s *DB) SearchConversations(ctx context.Context, q los.ConversationQuery) ([]los.ConversationSummary, error) {
	var (
		where []string
		args  []any
	)
	handoff := `EXISTS (SELECT 1 FROM handoffs hx WHERE hx.conversation_id = c.id`
	if q.Category != "" {
		handoff += ` AND hx.category = ?`
		args = append(args, string(q.Category))
	}
	if q.Agent != "" {
		handoff += ` AND hx.claimed_by = ?`
		args = append(args, q.Agent)
	}
	where = append(where, handoff+`)`)
	if q.Status != "" {
		where = append(where, `c.status = ?`)
		args = append(args, string(q.Status))
	}
	if !q.From.IsZero() {
		where = append(where, `c.created >= ?`)
		args = append(args, millis(q.From))
	}
	if !q.To.IsZero() {
		where = append(where, `c.created < ?`)
		args = append(args, millis(q.To))
	}
	if text := strings.TrimSpace(q.Text); text != "" {
		like := "%" + likeEscaper.Replace(strings.ToLower(text)) + "%"
		where = append(where, `(EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND lower(m.text) LIKE ? ESCAPE '\')
			OR EXISTS (SELECT 1 FROM notes n WHERE n.conversation_id = c.id AND lower(n.text) LIKE ? ESCAPE '\'))`)
		args = append(args, like, like)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	args = append(args, limit)
	return s.summaries(ctx, `SELECT `+summaryCols+summaryFrom+` WHERE `+strings.Join(where, " AND ")+
		` ORDER BY c.updated DESC, c.id LIMIT ?`, args...)
}

// likeEscaper escapes LIKE's wildcards (ESCAPE '\').
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// EarlierConversations returns the conversations started in the same
// browser as conversation id before it, newest first: what the retention
// window has kept of them.
func (s *DB) EarlierConversations(ctx context.Context, id string, limit int) ([]los.ConversationSummary, error) {
	conv, err := s.Conversation(ctx, id)
	if err != nil {
		return nil, err
	}
	if conv.Visitor == "" {
		return []los.ConversationSummary{}, nil
	}
	return s.summaries(ctx, `SELECT `+summaryCols+summaryFrom+` WHERE c.visitor = ? AND c.id != ? AND c.created <= ?
		ORDER BY c.created DESC, c.id LIMIT ?`, conv.Visitor, conv.ID, millis(conv.Created), limit)
}

func (s *DB) summaries(ctx context.Context, query string, args ...any) ([]los.ConversationSummary, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []los.ConversationSummary{}
	for rows.Next() {
		var (
			c                 los.ConversationSummary
			lang, status, cat string
			created, updated  int64
		)
		if err := rows.Scan(&c.ID, &lang, &status, &created, &updated, &cat, &c.HandedOver, &c.ClaimedBy, &c.ClaimedName, &c.FirstWords); err != nil {
			return nil, err
		}
		c.Lang, c.Status, c.Category = los.Standard(lang), los.Status(status), los.Category(cat)
		c.Created, c.Updated = fromMillis(created), fromMillis(updated)
		out = append(out, c)
	}
	return out, rows.Err()
}
