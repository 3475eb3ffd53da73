-- Migration 13 (the agent desk): canned responses, written by
-- administrators per written standard and inserted by agents with "/".
-- Portable but for INTEGER PRIMARY KEY, which every table here uses for
-- its row ID (PostgreSQL: an identity column).
CREATE TABLE canned_responses (
	id      INTEGER PRIMARY KEY,
	lang    TEXT NOT NULL,
	title   TEXT NOT NULL,
	body    TEXT NOT NULL,
	author  TEXT NOT NULL DEFAULT '',
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL
);
CREATE UNIQUE INDEX canned_responses_title ON canned_responses(lang, title);
