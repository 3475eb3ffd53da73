-- Migration 21 links a conversation to the one the same browser had just
-- before it (the chat remembers that conversation's ID, nothing else, for
-- seven days), so analytics can tell a customer who came back within
-- seven days (not resolved) from one who did not. '' for none.
ALTER TABLE conversations ADD COLUMN previous_id TEXT NOT NULL DEFAULT '';
CREATE INDEX conversations_previous ON conversations(previous_id) WHERE previous_id != '';
