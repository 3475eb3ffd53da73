-- Migration 3 adds knowledge-base editing: every article's editor state
-- (draft, published, archived, soft-deleted), every saved version of it,
-- and the synonyms editors maintain.
--
-- The articles table keeps holding what customers see (search, help
-- centre); article_docs and article_versions hold the editors' working
-- copies, so a draft never changes what customers see until it is
-- published. Articles written to the articles table by other means (the
-- demo, `los kb import`) are adopted: see DB.adopt.
CREATE TABLE article_docs (
	slug              TEXT PRIMARY KEY,
	state             TEXT NOT NULL,               -- draft, published, archived
	version           INTEGER NOT NULL,            -- the latest saved version
	published_version INTEGER NOT NULL DEFAULT 0,  -- the version customers see; 0: none
	synced            INTEGER NOT NULL DEFAULT 0,  -- articles.updated when last in step
	created           INTEGER NOT NULL,
	updated           INTEGER NOT NULL,
	deleted_at        INTEGER NOT NULL DEFAULT 0,
	deleted_by        TEXT NOT NULL DEFAULT ''
);
CREATE TABLE article_versions (
	slug         TEXT NOT NULL REFERENCES article_docs(slug) ON DELETE CASCADE,
	version      INTEGER NOT NULL,
	title        TEXT NOT NULL,
	body         TEXT NOT NULL,
	tags         TEXT NOT NULL DEFAULT '[]',
	lang         TEXT NOT NULL,
	author       TEXT NOT NULL,
	action       TEXT NOT NULL,               -- create, save, rollback, import
	source       INTEGER NOT NULL DEFAULT 0,  -- for a rollback: the version restored
	created      INTEGER NOT NULL,
	published_at INTEGER NOT NULL DEFAULT 0,  -- when this version was last published
	published_by TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (slug, version)
);
CREATE TABLE kb_synonyms (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	text    TEXT NOT NULL,
	author  TEXT NOT NULL,
	updated INTEGER NOT NULL
);
-- content gaps: bot messages without an answer or with a thumbs-down
CREATE INDEX messages_gaps ON messages(id) WHERE role = 'bot' AND (no_answer = 1 OR rating = -1);
