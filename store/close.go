package store

import (
	"context"
	"database/sql"

	"github.com/los-bot/los"
)

// OutcomeCustomerClosed is the outcome of a handoff whose customer ended
// the conversation before an agent did.
const OutcomeCustomerClosed = "customer_closed"

// Reasons a conversation.closed event gives for who closed it.
const (
	CloseReasonAgent    = "agent"
	CloseReasonCustomer = "customer"
	CloseReasonInactive = "inactive"
)

// CloseByCustomer ends a conversation at its customer's request, whoever
// holds it: an open handoff (waiting, or taken by an agent) is closed with
// OutcomeCustomerClosed, notice (when not empty) is stored as a system
// message, and conversation.closed is recorded with the reason customer.
// A conversation that is closed already is left as it is: it reports
// whether this call closed it.
func (s *DB) CloseByCustomer(ctx context.Context, conversationID, notice string) (bool, error) {
	now := s.now()
	var closed bool
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var status string
		err := tx.QueryRowContext(ctx, `SELECT status FROM conversations WHERE id = ?`, conversationID).Scan(&status)
		if isNoRows(err) {
			return notFound("conversation", conversationID)
		}
		if err != nil || los.Status(status) == los.StatusClosed {
			return err
		}
		data := map[string]any{"reason": CloseReasonCustomer}
		h, err := openHandoff(ctx, tx, conversationID)
		switch {
		case err == nil:
			if _, err := tx.ExecContext(ctx, `UPDATE handoffs SET status = 'closed', outcome = ?, closed_at = ? WHERE id = ?`,
				OutcomeCustomerClosed, millis(now), h.ID); err != nil {
				return err
			}
			data["handoff_id"], data["outcome"] = h.ID, OutcomeCustomerClosed
		case los.ErrorCode(err) != los.ECONFLICT: // ECONFLICT: not handed over
			return err
		}
		if err := s.addNotice(ctx, tx, conversationID, notice, now); err != nil {
			return err
		}
		if err := setStatus(ctx, tx, conversationID, los.StatusClosed, now); err != nil {
			return err
		}
		closed = true
		return insertEvent(ctx, tx, los.EventConversationClose, conversationID, data, now)
	})
	return closed, err
}
