-- Migration 10 links twins: articles that say the same thing in different
-- written standards share a translation group (kb.Article.Group, front
-- matter "group:"), at most one article per standard. The group belongs to
-- the article, not to a version: linking twins makes no new version and
-- shows at once, and a rollback keeps it. An article without a group has
-- no row. Rows stay while an article is in the bin, so a restored article
-- is a twin again.
CREATE TABLE article_groups (
	slug       TEXT PRIMARY KEY,
	group_name TEXT NOT NULL
);
CREATE INDEX article_groups_group ON article_groups(group_name);
