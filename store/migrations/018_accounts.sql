-- Migration 18 adds account controls: a user may be disabled (kept, with
-- their audit trail, but unable to sign in); a second factor (TOTP, RFC
-- 6238: the shared secret in base32, and the last time step used, so a
-- code is never accepted twice) with hashed single-use recovery codes;
-- and sessions that wait for the second factor or for its enrolment
-- (pending: '' for a full session, 'code' or 'enrol').
ALTER TABLE users ADD COLUMN disabled_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_step BIGINT NOT NULL DEFAULT 0;
CREATE TABLE recovery_codes (
	user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	hash    TEXT NOT NULL,                 -- hex SHA-256 of the code
	used_at BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (user_id, hash)
);
ALTER TABLE sessions ADD COLUMN pending TEXT NOT NULL DEFAULT '';
