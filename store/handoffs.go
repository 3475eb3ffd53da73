package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/los-bot/los"
)

// RequestHandoff records handoff h and marks the conversation as waiting
// for an agent, in one transaction. A conversation already waiting or held
// keeps its open handoff; it is not queued twice.
func (s *DB) RequestHandoff(ctx context.Context, conv *los.Conversation, h *los.Handoff) error {
	now := s.now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.queue(ctx, tx, conv, h, now)
	})
}

// HandOver stores reply and does what RequestHandoff does, in one
// transaction: the customer is never told of a handoff that was not
// queued.
func (s *DB) HandOver(ctx context.Context, conv *los.Conversation, reply *los.Message, h *los.Handoff) error {
	now := s.now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := requireOpen(ctx, tx, conv.ID); err != nil {
			return err
		}
		if err := s.insertMessage(ctx, tx, reply); err != nil {
			return err
		}
		if err := touch(ctx, tx, conv.ID, reply.Created); err != nil {
			return err
		}
		return s.queue(ctx, tx, conv, h, now)
	})
}

// queue inserts h unless the conversation has an open handoff.
func (s *DB) queue(ctx context.Context, tx *sql.Tx, conv *los.Conversation, h *los.Handoff, now time.Time) error {
	h.Reason, h.Summary = s.redaction.personal(h.Reason), s.redaction.personal(h.Summary)
	{
		if err := requireOpen(ctx, tx, conv.ID); err != nil {
			return err
		}
		var open int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM handoffs WHERE conversation_id = ? AND status != 'closed'`, conv.ID).Scan(&open); err != nil {
			return err
		}
		if open > 0 {
			return nil
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO handoffs (conversation_id, category, severity, severity_rank, reason, signals, summary, status, created)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, h.ConversationID, string(h.Category), string(h.Severity), h.Severity.Rank(),
			h.Reason, asJSON(&h.Signals), h.Summary, h.Status, millis(now)).Scan(&h.ID)
		if err != nil {
			return err
		}
		if _, err = tx.ExecContext(ctx, `UPDATE conversations SET status = ?, updated = ? WHERE id = ?`, string(los.StatusWaiting), millis(now), conv.ID); err != nil {
			return err
		}
		conv.Status = los.StatusWaiting
		return insertEvent(ctx, tx, los.EventHandoffRequested, conv.ID, map[string]any{"handoff_id": h.ID,
			"category": h.Category, "severity": h.Severity, "reason": h.Reason}, now)
	}
}

// Queue returns open handoffs, most severe first, then longest waiting.
func (s *DB) Queue(ctx context.Context) ([]los.Handoff, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+handoffCols+`
		FROM handoffs WHERE status != 'closed' ORDER BY severity_rank DESC, created, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []los.Handoff
	for rows.Next() {
		h, err := scanHandoff(rows, "")
		if err != nil {
			return nil, err
		}
		out = append(out, *h)
	}
	return out, rows.Err()
}

// SetHandoffSummary replaces the summary of the conversation's open
// handoff with one the model wrote.
func (s *DB) SetHandoffSummary(ctx context.Context, conversationID, summary string) error {
	summary = s.redaction.personal(summary)
	res, err := s.db.ExecContext(ctx, `UPDATE handoffs SET summary = ?, summary_by_model = 1 WHERE conversation_id = ? AND status != 'closed'`, summary, conversationID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("open handoff for conversation", conversationID)
	}
	return nil
}
