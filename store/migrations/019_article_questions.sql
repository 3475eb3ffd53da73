-- Migration 19: articles and their versions get example questions ("Spørsmål denne
-- artikkelen svarer på"): a JSON array of strings, like tags, which the
-- search index matches customers' questions against.
ALTER TABLE articles ADD COLUMN questions TEXT NOT NULL DEFAULT '[]';
ALTER TABLE article_versions ADD COLUMN questions TEXT NOT NULL DEFAULT '[]';
