package store

import (
	"context"
	"database/sql"
	"slices"
	"time"

	"github.com/los-bot/los"
)

// Claim gives a waiting conversation to agent: the conversation's status
// becomes agent, and the bot falls silent. Claiming a conversation one
// holds already is not an error; one held by someone else is a conflict.
func (s *DB) Claim(ctx context.Context, conversationID, agent, notice string) (*los.Handoff, error) {
	now := s.now()
	var h *los.Handoff
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if h, err = openHandoff(ctx, tx, conversationID); err != nil {
			return err
		}
		switch {
		case h.Status == "claimed" && h.ClaimedBy == agent:
			return nil
		case h.Status == "claimed":
			return los.Errorf(los.ECONFLICT, "%s has taken this conversation already", h.ClaimedBy)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE handoffs SET status = 'claimed', claimed_by = ?, claimed_at = ? WHERE id = ?`, agent, millis(now), h.ID); err != nil {
			return err
		}
		h.Status, h.ClaimedBy = "claimed", agent
		if err := setStatus(ctx, tx, conversationID, los.StatusAgent, now); err != nil {
			return err
		}
		if err := s.addNotice(ctx, tx, conversationID, notice, now); err != nil {
			return err
		}
		return insertEvent(ctx, tx, los.EventHandoffClaimed, conversationID, map[string]any{"handoff_id": h.ID, "agent": agent}, now)
	})
	return h, err
}

// AgentReply stores agent's message in a conversation they hold.
func (s *DB) AgentReply(ctx context.Context, conversationID, agent, text string) (*los.Message, error) {
	m := &los.Message{ConversationID: conversationID, Role: los.RoleAgent, Text: text, Created: s.now()}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		h, err := openHandoff(ctx, tx, conversationID)
		if err != nil {
			return err
		}
		if h.Status != "claimed" || h.ClaimedBy != agent {
			return los.Errorf(los.ECONFLICT, "take the conversation before you reply")
		}
		if err := s.insertMessage(ctx, tx, m); err != nil {
			return err
		}
		if m.AuthorName, err = displayName(ctx, tx, agent); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE messages SET author = ?, author_name = ? WHERE id = ?`, agent, m.AuthorName, m.ID); err != nil {
			return err
		}
		return touch(ctx, tx, conversationID, m.Created)
	})
	return m, err
}

// HandBack returns a conversation to the bot (status open) and closes its
// handoff with the outcome handed_back.
func (s *DB) HandBack(ctx context.Context, conversationID, agent, notice string) error {
	return s.finish(ctx, conversationID, agent, "handed_back", los.StatusOpen, los.EventHandoffReturned, notice)
}

// CloseConversation closes a conversation and its handoff with an outcome
// (one of los.AgentOutcomes).
func (s *DB) CloseConversation(ctx context.Context, conversationID, agent, outcome, notice string) error {
	if !slices.Contains(los.AgentOutcomes, outcome) {
		return los.Errorf(los.EINVALID, "outcome %q is unknown; use one of %v", outcome, los.AgentOutcomes)
	}
	return s.finish(ctx, conversationID, agent, outcome, los.StatusClosed, los.EventConversationClose, notice)
}

// finish ends the open handoff of a conversation that is waiting or held
// by agent.
func (s *DB) finish(ctx context.Context, conversationID, agent, outcome string, status los.Status, event, notice string) error {
	now := s.now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		h, err := openHandoff(ctx, tx, conversationID)
		if err != nil {
			return err
		}
		if h.Status == "claimed" && h.ClaimedBy != agent {
			return los.Errorf(los.ECONFLICT, "%s holds this conversation", h.ClaimedBy)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE handoffs SET status = 'closed', outcome = ?, closed_at = ? WHERE id = ?`, outcome, millis(now), h.ID); err != nil {
			return err
		}
		if err := s.addNotice(ctx, tx, conversationID, notice, now); err != nil {
			return err
		}
		if err := setStatus(ctx, tx, conversationID, status, now); err != nil {
			return err
		}
		data := map[string]any{"handoff_id": h.ID, "agent": agent, "outcome": outcome}
		if event == los.EventConversationClose {
			data["reason"] = CloseReasonAgent
		}
		return insertEvent(ctx, tx, event, conversationID, data, now)
	})
}

// LatestHandoff returns the newest handoff of a conversation, open or not.
func (s *DB) LatestHandoff(ctx context.Context, conversationID string) (*los.Handoff, error) {
	return scanHandoff(s.db.QueryRowContext(ctx, `SELECT `+handoffCols+` FROM handoffs WHERE conversation_id = ? ORDER BY id DESC LIMIT 1`, conversationID), conversationID)
}

const handoffCols = `id, conversation_id, category, severity, reason, signals, summary, summary_by_model, status, created, claimed_by`

func openHandoff(ctx context.Context, tx *sql.Tx, conversationID string) (*los.Handoff, error) {
	h, err := scanHandoff(tx.QueryRowContext(ctx, `SELECT `+handoffCols+` FROM handoffs WHERE conversation_id = ? AND status != 'closed' ORDER BY id DESC LIMIT 1`, conversationID), conversationID)
	if los.ErrorCode(err) == los.ENOTFOUND {
		return nil, los.Errorf(los.ECONFLICT, "conversation %q is not handed over", conversationID)
	}
	return h, err
}

func scanHandoff(r scanner, conversationID string) (*los.Handoff, error) {
	var (
		h        los.Handoff
		cat, sev string
		created  int64
	)
	err := r.Scan(&h.ID, &h.ConversationID, &cat, &sev, &h.Reason, asJSON(&h.Signals), &h.Summary, &h.SummaryByModel, &h.Status, &created, &h.ClaimedBy)
	if isNoRows(err) {
		return nil, los.Errorf(los.ENOTFOUND, "conversation %q has no handoff", conversationID)
	}
	if err != nil {
		return nil, err
	}
	h.Category, h.Severity, h.Created = los.Category(cat), los.Severity(sev), fromMillis(created)
	return &h, nil
}

func setStatus(ctx context.Context, tx *sql.Tx, id string, status los.Status, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE conversations SET status = ?, updated = ? WHERE id = ?`, string(status), millis(now), id)
	return err
}

// addNotice stores a system message telling the customer what happened.
func (s *DB) addNotice(ctx context.Context, tx *sql.Tx, conversationID, text string, now time.Time) error {
	if text == "" {
		return nil
	}
	return s.insertMessage(ctx, tx, &los.Message{ConversationID: conversationID, Role: los.RoleSystem, Text: text, Created: now})
}

// HolderName returns the display name of the agent who holds a
// conversation (the name customers see): "" when nobody holds it or the
// holder has no display name. Never the holder's e-mail.
func (s *DB) HolderName(ctx context.Context, conversationID string) (string, error) {
	var name string
	err := s.db.QueryRowContext(ctx, `SELECT u.display_name FROM handoffs h JOIN users u ON u.email = h.claimed_by
		WHERE h.conversation_id = ? AND h.status = 'claimed' ORDER BY h.id DESC LIMIT 1`, conversationID).Scan(&name)
	if isNoRows(err) {
		return "", nil
	}
	return name, err
}
