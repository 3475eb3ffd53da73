-- What several Los replicas sharing one PostgreSQL need, beyond the
-- numbered migrations. Runs at every open, so every statement may run
-- again. Not a migration: nothing here holds data that cannot be lost.

-- Every change of the knowledge-base revision is announced on the channel
-- los_kb when its transaction commits: every replica's index follows it.
CREATE OR REPLACE FUNCTION los_notify_kb() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.key = 'kb_revision' THEN
		PERFORM pg_notify('los_kb', NEW.value);
	END IF;
	RETURN NULL;
END;
$$;
DROP TRIGGER IF EXISTS meta_notify_kb ON meta;
CREATE TRIGGER meta_notify_kb AFTER INSERT OR UPDATE ON meta
	FOR EACH ROW EXECUTE FUNCTION los_notify_kb();

-- Failed sign-ins per key (a client address, an e-mail address), shared
-- by the replicas so that throttling holds whichever replica is asked.
CREATE TABLE IF NOT EXISTS login_failures (
	key   TEXT PRIMARY KEY,
	n     INTEGER NOT NULL,
	first INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failures_first ON login_failures(first);

-- Synonyms saved in the editor are announced on los_kb too.
CREATE OR REPLACE FUNCTION los_notify_synonyms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('los_kb', 'synonyms');
	RETURN NULL;
END;
$$;
DROP TRIGGER IF EXISTS kb_synonyms_notify ON kb_synonyms;
CREATE TRIGGER kb_synonyms_notify AFTER INSERT OR UPDATE ON kb_synonyms
	FOR EACH ROW EXECUTE FUNCTION los_notify_synonyms();
