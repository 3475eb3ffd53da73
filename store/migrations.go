package store

// migrations are applied in order; the database's user_version counts the
// ones applied. Never edit one that has shipped: append a new one.
var migrations = []string{
	`CREATE TABLE meta (
		key   TEXT PRIMARY KEY,
		value TEXT NOT NULL
	);
	CREATE TABLE articles (
		slug      TEXT PRIMARY KEY,
		title     TEXT NOT NULL,
		body      TEXT NOT NULL,
		tags      TEXT NOT NULL DEFAULT '[]',
		lang      TEXT NOT NULL,
		published INTEGER NOT NULL,
		updated   INTEGER NOT NULL
	);
	CREATE TABLE conversations (
		id         TEXT PRIMARY KEY,
		token_hash BLOB NOT NULL,
		lang       TEXT NOT NULL DEFAULT '',
		status     TEXT NOT NULL,
		created    INTEGER NOT NULL,
		updated    INTEGER NOT NULL
	);
	CREATE TABLE messages (
		id              INTEGER PRIMARY KEY,
		conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
		role            TEXT NOT NULL,
		text            TEXT NOT NULL,
		created         INTEGER NOT NULL,
		mode            TEXT NOT NULL DEFAULT '',
		action          TEXT NOT NULL DEFAULT '',
		category        TEXT NOT NULL DEFAULT '',
		citations       TEXT NOT NULL DEFAULT '[]',
		no_answer       INTEGER NOT NULL DEFAULT 0,
		rating          INTEGER NOT NULL DEFAULT 0,
		signals         TEXT NOT NULL DEFAULT '[]'
	);
	CREATE INDEX messages_conversation ON messages(conversation_id, id);
	CREATE TABLE handoffs (
		id              INTEGER PRIMARY KEY,
		conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
		category        TEXT NOT NULL,
		severity        TEXT NOT NULL,
		severity_rank   INTEGER NOT NULL,
		reason          TEXT NOT NULL,
		signals         TEXT NOT NULL DEFAULT '[]',
		summary         TEXT NOT NULL,
		status          TEXT NOT NULL,
		created         INTEGER NOT NULL,
		claimed_by      TEXT NOT NULL DEFAULT '',
		claimed_at      INTEGER NOT NULL DEFAULT 0,
		closed_at       INTEGER NOT NULL DEFAULT 0
	);
	CREATE INDEX handoffs_queue ON handoffs(status, severity_rank DESC, created);`,
	migration002,
	migration003,
	migration004,
	migration005,
	migration006,
	migration007,
	migration008,
}
