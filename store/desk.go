package store

import (
	"context"
	"strings"

	"github.com/los-bot/los"
)

// firstWords is the customer's first message in the conversation c.id.
const firstWords = `COALESCE((SELECT m.text FROM messages m WHERE m.conversation_id = c.id AND m.role = 'customer' ORDER BY m.id LIMIT 1), '')`

// DeskQueue returns the open handoffs as the desk lists them, most severe
// first, then longest waiting: each with its conversation's standard and
// page, the customer's first message and how many they wrote, and the
// display name of the agent holding it. Given conversation IDs, only
// those of them that are queued.
func (s *DB) DeskQueue(ctx context.Context, ids ...string) ([]los.QueueItem, error) {
	q := `SELECT h.id, h.conversation_id, h.category, h.severity, h.reason, h.signals, h.summary, h.summary_by_model, h.status,
			h.created, h.claimed_by, c.lang, c.page, ` + firstWords + `,
			(SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.role = 'customer'),
			COALESCE(u.display_name, '')
		FROM handoffs h JOIN conversations c ON c.id = h.conversation_id
		LEFT JOIN users u ON u.email = h.claimed_by AND h.claimed_by != ''
		WHERE h.status != 'closed'`
	args := make([]any, len(ids))
	if len(ids) > 0 {
		q += ` AND h.conversation_id IN (?` + strings.Repeat(`, ?`, len(ids)-1) + `)`
		for i, id := range ids {
			args[i] = id
		}
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY h.severity_rank DESC, h.created, h.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []los.QueueItem{}
	for rows.Next() {
		var (
			it             los.QueueItem
			cat, sev, lang string
			created        int64
		)
		if err := rows.Scan(&it.ID, &it.ConversationID, &cat, &sev, &it.Reason, asJSON(&it.Signals), &it.Summary, &it.SummaryByModel,
			&it.Status, &created, &it.ClaimedBy, &lang, &it.Page, &it.FirstWords, &it.CustomerMessages, &it.ClaimedName); err != nil {
			return nil, err
		}
		it.Category, it.Severity, it.Created, it.Lang = los.Category(cat), los.Severity(sev), fromMillis(created), los.Standard(lang)
		out = append(out, it)
	}
	return out, rows.Err()
}
