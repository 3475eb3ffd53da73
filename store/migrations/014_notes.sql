-- Migration 14 (the agent desk): agents' internal notes on a
-- conversation. They live apart from messages so that nothing that shows
-- the customer their conversation (transcript, export, webhooks) can
-- include them; deleting or purging the conversation deletes them.
-- Portable but for INTEGER PRIMARY KEY (PostgreSQL: an identity column).
CREATE TABLE notes (
	id              INTEGER PRIMARY KEY,
	conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
	author          TEXT NOT NULL,
	author_name     TEXT NOT NULL DEFAULT '',
	text            TEXT NOT NULL,
	created         INTEGER NOT NULL
);
CREATE INDEX notes_conversation ON notes(conversation_id, id);
