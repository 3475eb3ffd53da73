-- Migration 17 scopes and ends API keys: every conversation records the
-- API key that started it (0: a customer's own conversation token), so a
-- key with the chat scope reaches only its own conversations; a key may
-- expire (0: never). BIGINT: milliseconds and IDs outgrow PostgreSQL's
-- 32-bit INTEGER; SQLite reads it as INTEGER.
ALTER TABLE conversations ADD COLUMN api_key_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE api_keys ADD COLUMN expires BIGINT NOT NULL DEFAULT 0;
