-- Migration 5 adds analytics: the time to first token of every generated
-- bot message, customer satisfaction (one CSAT answer per conversation)
-- and conversation_outcomes, a view that gives every conversation one
-- outcome, computed from its messages, handoffs and call-back tickets so
-- it is never out of step with them:
--
--   - called_back: the customer left a call-back ticket;
--   - handed_over: the conversation was handed to a human (category and
--     reason are those of its first handoff);
--   - empty:       the customer never wrote (not counted as a conversation);
--   - abandoned:   the customer left after a turn that did not answer (no
--     answer, an offer to hand over, or no bot reply), or gave a
--     thumbs-down;
--   - resolved:    everything else: the bot answered and nobody objected.
ALTER TABLE messages ADD COLUMN first_token_ms REAL NOT NULL DEFAULT 0;
CREATE TABLE csat (
	conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
	score           INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
	comment         TEXT NOT NULL DEFAULT '',
	created         INTEGER NOT NULL
);
CREATE INDEX conversations_created ON conversations(created);
CREATE INDEX handoffs_conversation ON handoffs(conversation_id, id);
CREATE INDEX callbacks_conversation ON callbacks(conversation_id);
CREATE VIEW conversation_outcomes AS
SELECT c.id AS conversation_id, c.lang AS lang, c.created AS created,
	CASE
		WHEN EXISTS (SELECT 1 FROM callbacks cb WHERE cb.conversation_id = c.id) THEN 'called_back'
		WHEN h.id IS NOT NULL THEN 'handed_over'
		WHEN NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.role = 'customer') THEN 'empty'
		WHEN lb.id IS NULL OR lb.no_answer = 1 OR lb.action = 'offer_handoff'
			OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.role = 'bot' AND m.rating = -1) THEN 'abandoned'
		ELSE 'resolved'
	END AS outcome,
	COALESCE(h.category, '') AS category,
	COALESCE(h.reason, '') AS reason,
	COALESCE(h.created, 0) AS handoff_created,
	COALESCE(h.claimed_at, 0) AS handoff_claimed
FROM conversations c
LEFT JOIN handoffs h ON h.id = (SELECT min(id) FROM handoffs WHERE conversation_id = c.id)
LEFT JOIN messages lb ON lb.id = (SELECT max(id) FROM messages WHERE conversation_id = c.id AND role = 'bot');
