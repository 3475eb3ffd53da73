package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
)

// sameContent reports whether two articles have the same title, text,
// tags, example questions and written standard.
func sameContent(a, b kb.Article) bool {
	return a.Title == b.Title && a.Body == b.Body && a.Lang == b.Lang && slices.Equal(a.Tags, b.Tags) &&
		slices.Equal(a.Questions, b.Questions)
}

const docCols = `d.slug, d.state, d.version, d.published_version, d.created, d.updated, d.deleted_at,
	v.title, v.body, v.tags, v.lang, v.author, v.questions, COALESCE(g.group_name, '')`

const docFrom = ` FROM article_docs d JOIN article_versions v ON v.slug = d.slug AND v.version = d.version
	LEFT JOIN article_groups g ON g.slug = d.slug`

// EditorArticles returns every article in the editor, ordered by slug;
// those in the bin only when deleted is true, and then only those.
func (s *DB) EditorArticles(ctx context.Context, deleted bool) ([]kb.EditorArticle, error) {
	if err := s.adopt(ctx); err != nil {
		return nil, err
	}
	where := ` WHERE d.deleted_at = 0`
	if deleted {
		where = ` WHERE d.deleted_at != 0`
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+docCols+docFrom+where+` ORDER BY d.slug`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []kb.EditorArticle
	for rows.Next() {
		a, err := scanDoc(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// EditorArticle returns one article, also when it is in the bin.
func (s *DB) EditorArticle(ctx context.Context, slug string) (kb.EditorArticle, error) {
	if err := s.adopt(ctx); err != nil {
		return kb.EditorArticle{}, err
	}
	return getDoc(ctx, s.db, slug)
}

// querier is what *sql.DB and *sql.Tx share, so a read can run inside or
// outside a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func getDoc(ctx context.Context, q querier, slug string) (kb.EditorArticle, error) {
	a, err := scanDoc(q.QueryRowContext(ctx, `SELECT `+docCols+docFrom+` WHERE d.slug = ?`, slug))
	if isNoRows(err) {
		return a, &los.Error{Code: los.ENOTFOUND, Key: "editor.error.not_found", Message: fmt.Sprintf("article %q not found", slug)}
	}
	return a, err
}

func scanDoc(r scanner) (kb.EditorArticle, error) {
	var (
		a                         kb.EditorArticle
		state, l                  string
		created, updated, deleted int64
	)
	err := r.Scan(&a.Slug, &state, &a.Version, &a.PublishedVersion, &created, &updated, &deleted,
		&a.Title, &a.Body, asJSON(&a.Tags), &l, &a.Author, asJSON(&a.Questions), &a.Group)
	if err != nil {
		return a, err
	}
	a.Questions = nilIfEmpty(a.Questions)
	a.State, a.Lang = kb.ArticleState(state), los.Standard(l)
	a.Created, a.Updated = fromMillis(created), fromMillis(updated)
	if deleted != 0 {
		a.Deleted = fromMillis(deleted)
	}
	a.Published = a.State == kb.StatePublished && deleted == 0
	return a, nil
}

// CreateArticle stores a new draft as version 1. A slug already in use,
// also by an article in the bin, is a conflict.
func (s *DB) CreateArticle(ctx context.Context, a kb.Article, author string) (kb.EditorArticle, error) {
	a, err := kb.NormalizeArticle(a)
	if err != nil {
		return kb.EditorArticle{}, err
	}
	if err := s.adopt(ctx); err != nil {
		return kb.EditorArticle{}, err
	}
	var out kb.EditorArticle
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if err := insertDraft(ctx, tx, a, author, "create", millis(s.now())); err != nil {
			return err
		}
		out, err = getDoc(ctx, tx, a.Slug)
		return err
	})
	return out, err
}

// insertDraft stores a as a new draft, version 1 made by action. A slug
// already in use, also by an article in the bin, is a conflict.
func insertDraft(ctx context.Context, tx *sql.Tx, a kb.Article, author, action string, now int64) error {
	cur, err := getDoc(ctx, tx, a.Slug)
	switch {
	case err == nil && !cur.Deleted.IsZero():
		return &los.Error{Code: los.ECONFLICT, Key: "editor.error.slug_in_bin",
			Message: fmt.Sprintf("an article in the bin uses the slug %q: restore it or choose another slug", a.Slug)}
	case err == nil:
		return &los.Error{Code: los.ECONFLICT, Key: "editor.error.slug_taken",
			Message: fmt.Sprintf("the slug %q is taken: choose another", a.Slug)}
	case los.ErrorCode(err) != los.ENOTFOUND:
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO article_docs (slug, state, version, created, updated) VALUES (?, ?, 1, ?, ?)`,
		a.Slug, string(kb.StateDraft), now, now); err != nil {
		return err
	}
	return insertVersion(ctx, tx, a, 1, author, action, 0, now)
}

// SaveArticle stores a's content as a new version of the article a.Slug.
// base is the version the editor started from: if someone saved since, the
// save is refused with ECONFLICT and nothing is written. Saving content
// equal to the latest version writes nothing. Customers keep seeing the
// published version until the article is published again. Questions nil
// keeps the latest version's example questions (a client that does not
// send them loses none); an empty, non-nil list removes them.
func (s *DB) SaveArticle(ctx context.Context, a kb.Article, base int, author string) (kb.EditorArticle, error) {
	keep := a.Questions == nil
	a, err := kb.NormalizeArticle(a)
	if err != nil {
		return kb.EditorArticle{}, err
	}
	return s.change(ctx, a.Slug, base, func(tx *sql.Tx, cur kb.EditorArticle, _ int64) error {
		if keep {
			a.Questions = cur.Questions
		}
		if sameContent(cur.Article, a) {
			return nil
		}
		return s.newVersion(ctx, tx, cur, a, author, "save", 0)
	})
}

// editable loads an article for a change based on version base (0: no
// check): not in the bin, and not changed since base.
func editable(ctx context.Context, tx *sql.Tx, slug string, base int) (kb.EditorArticle, error) {
	cur, err := getDoc(ctx, tx, slug)
	if err != nil {
		return cur, err
	}
	if !cur.Deleted.IsZero() {
		return cur, &los.Error{Code: los.ECONFLICT, Key: "editor.error.in_bin",
			Message: fmt.Sprintf("article %q is in the bin: restore it first", slug)}
	}
	if base != 0 && base != cur.Version {
		return cur, &los.Error{Code: los.ECONFLICT, Key: "editor.error.stale",
			Message: fmt.Sprintf("article %q was saved by %s as version %d after you opened version %d: nothing was overwritten; reload to see the changes",
				slug, orSomeone(cur.Author), cur.Version, base)}
	}
	return cur, nil
}

func orSomeone(author string) string {
	if author == "" {
		return "someone"
	}
	return author
}

// newVersion adds content a as version cur.Version+1 and makes it the
// working copy.
func (s *DB) newVersion(ctx context.Context, tx *sql.Tx, cur kb.EditorArticle, a kb.Article, author, action string, source int) error {
	now := millis(s.now())
	v := cur.Version + 1
	if err := insertVersion(ctx, tx, a, v, author, action, source, now); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE article_docs SET version = ?, updated = ? WHERE slug = ?`, v, now, a.Slug)
	return err
}

func insertVersion(ctx context.Context, tx *sql.Tx, a kb.Article, v int, author, action string, source int, now int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO article_versions (slug, version, title, body, tags, lang, author, action, source, created, questions)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.Slug, v, a.Title, a.Body, asJSON(&a.Tags), string(a.Lang), author, action, source, now, asJSON(&a.Questions))
	return err
}
