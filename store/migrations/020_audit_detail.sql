-- Migration 20 lets an audit entry say what its route alone cannot: the
-- title and version of the article published, the name of the key
-- created. detail is a JSON object of strings ('{}': nothing more), set
-- when the entry is written and, like the rest of the log, never changed.
ALTER TABLE audit_log ADD COLUMN detail TEXT NOT NULL DEFAULT '{}';
