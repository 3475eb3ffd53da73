package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
)

// Publish makes the working copy of an article what customers see: it is
// written to the articles table and the knowledge-base revision moves on.
// base, when not 0, is the version the editor looked at: a newer one is a
// conflict. Publishing an archived article brings it back.
func (s *DB) Publish(ctx context.Context, slug string, base int, author string) (kb.EditorArticle, error) {
	return s.change(ctx, slug, base, func(tx *sql.Tx, cur kb.EditorArticle, _ int64) error {
		return s.publish(ctx, tx, cur, author)
	})
}

func (s *DB) publish(ctx context.Context, tx *sql.Tx, cur kb.EditorArticle, author string) error {
	now := millis(s.now())
	if err := s.show(ctx, tx, cur.Article, now); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE article_docs SET state = ?, published_version = version, updated = ? WHERE slug = ?`,
		string(kb.StatePublished), now, cur.Slug); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE article_versions SET published_at = ?, published_by = ? WHERE slug = ? AND version = ?`,
		now, author, cur.Slug, cur.Version); err != nil {
		return err
	}
	return insertEvent(ctx, tx, los.EventArticlePublished, "", map[string]any{"slug": cur.Slug, "version": cur.Version, "lang": cur.Lang}, fromMillis(now))
}

// show writes a as the article customers see, published.
func (s *DB) show(ctx context.Context, tx *sql.Tx, a kb.Article, now int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO articles (`+articleCols+`) VALUES (?, ?, ?, ?, ?, 1, ?, ?)
		ON CONFLICT(slug) DO UPDATE SET title=excluded.title, body=excluded.body, tags=excluded.tags,
		lang=excluded.lang, published=1, updated=excluded.updated, questions=excluded.questions`,
		a.Slug, a.Title, a.Body, asJSON(&a.Tags), string(a.Lang), now, asJSON(&a.Questions))
	if err != nil {
		return fmt.Errorf("publish %q: %w", a.Slug, err)
	}
	return synced(ctx, tx, a.Slug, now)
}

// hide stops customers seeing the article slug, if they do.
func (s *DB) hide(ctx context.Context, tx *sql.Tx, slug string, now int64) error {
	res, err := tx.ExecContext(ctx, `UPDATE articles SET published = 0, updated = ? WHERE slug = ? AND published != 0`, now, slug)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	return synced(ctx, tx, slug, now)
}

// synced records that the articles row of slug was written by the editor
// at now, and moves the knowledge-base revision on.
func synced(ctx context.Context, tx *sql.Tx, slug string, now int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE article_docs SET synced = ? WHERE slug = ?`, now, slug); err != nil {
		return err
	}
	return bumpRevision(ctx, tx)
}

// Archive hides an article from customers and from the editor's main
// list, keeping it and its history. Unarchive brings it back as a draft.
func (s *DB) Archive(ctx context.Context, slug string) (kb.EditorArticle, error) {
	return s.change(ctx, slug, 0, func(tx *sql.Tx, cur kb.EditorArticle, now int64) error {
		if err := s.hide(ctx, tx, slug, now); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE article_docs SET state = ?, published_version = 0, updated = ? WHERE slug = ?`,
			string(kb.StateArchived), now, slug)
		return err
	})
}

// Unarchive turns an archived article into a draft; publish it to show it
// to customers again.
func (s *DB) Unarchive(ctx context.Context, slug string) (kb.EditorArticle, error) {
	return s.change(ctx, slug, 0, func(tx *sql.Tx, cur kb.EditorArticle, now int64) error {
		if cur.State != kb.StateArchived {
			return nil
		}
		_, err := tx.ExecContext(ctx, `UPDATE article_docs SET state = ?, updated = ? WHERE slug = ?`, string(kb.StateDraft), now, slug)
		return err
	})
}

// Delete moves an article to the bin: customers no longer see it, and it
// can be restored with everything it had.
func (s *DB) Delete(ctx context.Context, slug, author string) (kb.EditorArticle, error) {
	return s.change(ctx, slug, 0, func(tx *sql.Tx, cur kb.EditorArticle, now int64) error {
		if err := s.hide(ctx, tx, slug, now); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE article_docs SET deleted_at = ?, deleted_by = ?, updated = ? WHERE slug = ?`, now, author, now, slug)
		return err
	})
}

// Restore takes an article out of the bin, in the state it had: a
// published article is shown to customers again.
func (s *DB) Restore(ctx context.Context, slug string) (kb.EditorArticle, error) {
	if err := s.adopt(ctx); err != nil {
		return kb.EditorArticle{}, err
	}
	var out kb.EditorArticle
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := getDoc(ctx, tx, slug)
		if err != nil {
			return err
		}
		if cur.Deleted.IsZero() {
			out = cur
			return nil
		}
		now := millis(s.now())
		if cur.State == kb.StatePublished {
			v, err := getVersion(ctx, tx, slug, cur.PublishedVersion)
			if err != nil {
				return err
			}
			if err := s.show(ctx, tx, v.Article(), now); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE article_docs SET deleted_at = 0, deleted_by = '', updated = ? WHERE slug = ?`, now, slug); err != nil {
			return err
		}
		out, err = getDoc(ctx, tx, slug)
		return err
	})
	return out, err
}

// change runs fn, in one transaction, on an article that is not in the
// bin and has not changed since version base (0: no check), then returns
// the article as fn left it.
func (s *DB) change(ctx context.Context, slug string, base int, fn func(tx *sql.Tx, cur kb.EditorArticle, now int64) error) (kb.EditorArticle, error) {
	if err := s.adopt(ctx); err != nil {
		return kb.EditorArticle{}, err
	}
	var out kb.EditorArticle
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := editable(ctx, tx, slug, base)
		if err != nil {
			return err
		}
		if err := fn(tx, cur, millis(s.now())); err != nil {
			return err
		}
		out, err = getDoc(ctx, tx, slug)
		return err
	})
	return out, err
}

// Rollback makes the content of version target the working copy again,
// as a new version (history is never rewritten). base works as in
// SaveArticle. With publish, the restored content is published at once.
func (s *DB) Rollback(ctx context.Context, slug string, target, base int, author string, publish bool) (kb.EditorArticle, error) {
	return s.change(ctx, slug, base, func(tx *sql.Tx, cur kb.EditorArticle, _ int64) error {
		old, err := getVersion(ctx, tx, slug, target)
		if err != nil {
			return err
		}
		if !sameContent(cur.Article, old.Article()) {
			if err := s.newVersion(ctx, tx, cur, old.Article(), author, "rollback", target); err != nil {
				return err
			}
		}
		if !publish {
			return nil
		}
		if cur, err = getDoc(ctx, tx, slug); err != nil {
			return err
		}
		return s.publish(ctx, tx, cur, author)
	})
}

const versionCols = `slug, version, title, body, tags, lang, author, action, source, created, published_at, published_by, questions`

// Versions returns every version of an article, newest first.
func (s *DB) Versions(ctx context.Context, slug string) ([]kb.ArticleVersion, error) {
	if _, err := s.EditorArticle(ctx, slug); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+versionCols+` FROM article_versions WHERE slug = ? ORDER BY version DESC`, slug)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []kb.ArticleVersion
	for rows.Next() {
		v, err := scanVersion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Version returns one version of an article.
func (s *DB) Version(ctx context.Context, slug string, version int) (kb.ArticleVersion, error) {
	if err := s.adopt(ctx); err != nil {
		return kb.ArticleVersion{}, err
	}
	return getVersion(ctx, s.db, slug, version)
}

func getVersion(ctx context.Context, q querier, slug string, version int) (kb.ArticleVersion, error) {
	v, err := scanVersion(q.QueryRowContext(ctx, `SELECT `+versionCols+` FROM article_versions WHERE slug = ? AND version = ?`, slug, version))
	if isNoRows(err) {
		return v, &los.Error{Code: los.ENOTFOUND, Key: "editor.error.no_version",
			Message: fmt.Sprintf("article %q has no version %d", slug, version)}
	}
	return v, err
}

func scanVersion(r scanner) (kb.ArticleVersion, error) {
	var (
		v                  kb.ArticleVersion
		l                  string
		created, published int64
	)
	err := r.Scan(&v.Slug, &v.Version, &v.Title, &v.Body, asJSON(&v.Tags), &l, &v.Author, &v.Action, &v.Source, &created, &published, &v.PublishedBy, asJSON(&v.Questions))
	if err != nil {
		return v, err
	}
	v.Questions = nilIfEmpty(v.Questions)
	v.Lang, v.Created = los.Standard(l), fromMillis(created)
	if published != 0 {
		v.PublishedAt = fromMillis(published)
	}
	return v, nil
}
