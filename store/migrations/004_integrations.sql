-- Migration 4 adds the integrator API: API keys (stored as SHA-256 of the
-- key), webhook subscriptions and their durable delivery queue. The
-- webhook worker's place in the events outbox is kept in meta under
-- "webhook_cursor".
CREATE TABLE api_keys (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL DEFAULT '',
	hint       TEXT NOT NULL,             -- the key's first characters, to recognise it
	hash       BLOB NOT NULL UNIQUE,
	scopes     TEXT NOT NULL,             -- comma-separated
	created    INTEGER NOT NULL,
	last_used  INTEGER NOT NULL DEFAULT 0,
	revoked_at INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE webhooks (
	id      INTEGER PRIMARY KEY,
	url     TEXT NOT NULL,
	events  TEXT NOT NULL,                -- JSON array of event types
	secret  TEXT NOT NULL,
	active  INTEGER NOT NULL DEFAULT 1,
	after   INTEGER NOT NULL,             -- the last event before it was created
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL
);
CREATE TABLE webhook_deliveries (
	id           INTEGER PRIMARY KEY,
	webhook_id   INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
	event_id     INTEGER NOT NULL,
	event_type   TEXT NOT NULL,
	body         TEXT NOT NULL,           -- the exact JSON sent
	status       TEXT NOT NULL,           -- pending, delivered, failed
	attempts     INTEGER NOT NULL DEFAULT 0,
	next_attempt INTEGER NOT NULL,
	last_status  INTEGER NOT NULL DEFAULT 0,
	last_error   TEXT NOT NULL DEFAULT '',
	created      INTEGER NOT NULL,
	updated      INTEGER NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt);
CREATE INDEX webhook_deliveries_hook ON webhook_deliveries(webhook_id, id DESC);
