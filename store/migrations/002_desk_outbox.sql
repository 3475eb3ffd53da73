-- Migration 2 adds sign-in (users, sessions), the agent desk (handoff
-- outcomes, message authors, call-back tickets) and the events outbox
-- that integrator webhooks will read.
CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	email         TEXT NOT NULL UNIQUE,
	role          TEXT NOT NULL,
	password_hash TEXT NOT NULL,
	created       INTEGER NOT NULL
);
CREATE TABLE sessions (
	token_hash BLOB PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	csrf       TEXT NOT NULL,
	created    INTEGER NOT NULL,
	expires    INTEGER NOT NULL
);
CREATE INDEX sessions_expires ON sessions(expires);
ALTER TABLE handoffs ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN author TEXT NOT NULL DEFAULT '';
CREATE TABLE callbacks (
	id              INTEGER PRIMARY KEY,
	conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
	name            TEXT NOT NULL,
	phone           TEXT NOT NULL,
	note            TEXT NOT NULL DEFAULT '',
	status          TEXT NOT NULL,
	created         INTEGER NOT NULL,
	handled_by      TEXT NOT NULL DEFAULT '',
	handled_at      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX callbacks_status ON callbacks(status, created);
CREATE TABLE events (
	id              INTEGER PRIMARY KEY,
	type            TEXT NOT NULL,
	conversation_id TEXT NOT NULL DEFAULT '',
	data            TEXT NOT NULL DEFAULT '{}',
	created         INTEGER NOT NULL
);
