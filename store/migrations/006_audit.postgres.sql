-- Migration 6 on PostgreSQL: the audit log as in 006_audit.sql, made
-- append-only by triggers that refuse UPDATE, DELETE and TRUNCATE. They
-- bind the application and anyone without the right to drop or disable
-- triggers: the owner of the table (the role Los connects as) and a
-- superuser still can, so give Los its own role and keep the owner's
-- password out of reach of those the log watches.
CREATE TABLE audit_log (
	id     INTEGER PRIMARY KEY,
	at     INTEGER NOT NULL,
	actor  TEXT NOT NULL,
	role   TEXT NOT NULL,
	method TEXT NOT NULL,
	route  TEXT NOT NULL,
	target TEXT NOT NULL DEFAULT '',
	status INTEGER NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_actor ON audit_log(actor, at);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
	FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
