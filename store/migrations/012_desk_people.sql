-- Migration 12 (the agent desk): agents get the display name customers
-- see, an agent message keeps the name it was sent under, a conversation
-- keeps the page the chat was opened on and a hash of the visitor ID of
-- the browser that started it (agents see that browser's earlier
-- conversations), and a handoff says whether the model wrote its summary.
-- Portable SQL: plain ALTER TABLE ... ADD COLUMN with defaults.
ALTER TABLE users ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN author_name TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN page TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN page_title TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN visitor TEXT NOT NULL DEFAULT '';
ALTER TABLE handoffs ADD COLUMN summary_by_model INTEGER NOT NULL DEFAULT 0;
CREATE INDEX conversations_visitor ON conversations(visitor, created);
