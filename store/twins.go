package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
)

// Twins: articles in one translation group (migration 10, kb/twins.go).

// setGroup puts slug in group ("" takes it out of any) and moves the
// knowledge-base revision on when that changes anything, since the index
// keeps each section's group.
func setGroup(ctx context.Context, tx *sql.Tx, slug, group string) error {
	var res sql.Result
	var err error
	if group == "" {
		res, err = tx.ExecContext(ctx, `DELETE FROM article_groups WHERE slug = ?`, slug)
	} else {
		res, err = tx.ExecContext(ctx, `INSERT INTO article_groups (slug, group_name) VALUES (?, ?)
			ON CONFLICT(slug) DO UPDATE SET group_name = excluded.group_name
			WHERE article_groups.group_name != excluded.group_name`, slug, group)
	}
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	return bumpRevision(ctx, tx)
}

// groupMembers returns the slug and standard of every article in the
// editor (the bin left out) that is in group.
func groupMembers(ctx context.Context, q querier, group string) (map[string]los.Standard, error) {
	rows, err := q.QueryContext(ctx, `SELECT d.slug, v.lang`+docFrom+` WHERE g.group_name = ? AND d.deleted_at = 0`, group)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]los.Standard{}
	for rows.Next() {
		var slug, l string
		if err := rows.Scan(&slug, &l); err != nil {
			return nil, err
		}
		out[slug] = los.Standard(l)
	}
	return out, rows.Err()
}

// checkImportGroups refuses an import after which a translation group
// would hold two articles of one standard.
func checkImportGroups(ctx context.Context, tx *sql.Tx, articles []kb.Article) error {
	rows, err := tx.QueryContext(ctx, `SELECT d.slug, v.lang, COALESCE(g.group_name, '')`+docFrom+` WHERE d.deleted_at = 0`)
	if err != nil {
		return err
	}
	byslug := map[string]kb.Article{}
	for rows.Next() {
		var a kb.Article
		var l string
		if err := rows.Scan(&a.Slug, &l, &a.Group); err != nil {
			rows.Close()
			return err
		}
		a.Lang = los.Standard(l)
		byslug[a.Slug] = a
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	final := make([]kb.Article, 0, len(byslug)+len(articles))
	for _, a := range articles {
		final = append(final, a)
		delete(byslug, a.Slug)
	}
	for _, a := range byslug {
		final = append(final, a)
	}
	if err := kb.CheckGroups(final); err != nil {
		return &los.Error{Code: los.EINVALID, Key: "editor.error.group_taken", Message: err.Error()}
	}
	return nil
}

// Twins returns the articles of slug's translation group, slug's own
// first, then the others by standard and slug, each with when it was last
// published and whether its published version is a machine translation
// of a twin; nil when slug has no twins. Articles in the bin are left out.
func (s *DB) Twins(ctx context.Context, slug string) ([]kb.Twin, error) {
	a, err := s.EditorArticle(ctx, slug)
	if err != nil {
		return nil, err
	}
	if a.Group == "" {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+docCols+`,
		(SELECT COALESCE(max(p.published_at), 0) FROM article_versions p WHERE p.slug = d.slug),
		COALESCE((SELECT p.action FROM article_versions p WHERE p.slug = d.slug AND p.version = d.published_version), ''), v.action`+
		docFrom+` WHERE g.group_name = ? AND d.deleted_at = 0`, a.Group)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []kb.Twin
	for rows.Next() {
		var t kb.Twin
		var published int64
		var action, working string
		if t.EditorArticle, err = scanDoc(withExtra{rows, []any{&published, &action, &working}}); err != nil {
			return nil, err
		}
		t.DraftTranslated = working == kb.ActionTranslate && (t.State != kb.StatePublished || t.Version != t.PublishedVersion)
		if published != 0 {
			t.LastPublished = fromMillis(published)
		}
		t.Translated = action == kb.ActionTranslate
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) < 2 {
		return nil, nil
	}
	kb.SortTwins(out, slug)
	return out, nil
}

// withExtra scans the columns scanDoc reads, then extra ones.
type withExtra struct {
	r     scanner
	extra []any
}

func (w withExtra) Scan(dest ...any) error { return w.r.Scan(append(dest, w.extra...)...) }

// Link makes slug a twin of twin: slug joins twin's translation group,
// which is named after twin when it has none yet. A group holds one
// article per standard, so linking a second one of a standard is a
// conflict, as is linking two articles of the same standard. It returns the
// articles whose group changed.
func (s *DB) Link(ctx context.Context, slug, twin string) ([]string, error) {
	if err := s.adopt(ctx); err != nil {
		return nil, err
	}
	var changed []string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		a, err := editable(ctx, tx, slug, 0)
		if err != nil {
			return err
		}
		t, err := editable(ctx, tx, twin, 0)
		if err != nil {
			return err
		}
		if a.Slug == t.Slug {
			return &los.Error{Code: los.EINVALID, Key: "editor.error.twin_self", Message: "an article cannot be its own twin"}
		}
		group := t.Group
		if group == "" {
			group = t.Slug
		}
		members, err := groupMembers(ctx, tx, group)
		if err != nil {
			return err
		}
		members[t.Slug] = t.Lang
		for other, l := range members {
			if other != a.Slug && l == a.Lang {
				return &los.Error{Code: los.ECONFLICT, Key: "editor.error.group_taken",
					Message: fmt.Sprintf("%q already has a twin in %s: %q", t.Slug, l, other)}
			}
		}
		for _, x := range []kb.EditorArticle{t, a} {
			if x.Group != group {
				if err := setGroup(ctx, tx, x.Slug, group); err != nil {
					return err
				}
				changed = append(changed, x.Slug)
			}
		}
		return nil
	})
	return changed, err
}

// Unlink takes slug out of its translation group. It returns the articles
// whose group changed (slug, or none).
func (s *DB) Unlink(ctx context.Context, slug string) ([]string, error) {
	if err := s.adopt(ctx); err != nil {
		return nil, err
	}
	var changed []string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		a, err := editable(ctx, tx, slug, 0)
		if err != nil || a.Group == "" {
			return err
		}
		changed = []string{slug}
		return setGroup(ctx, tx, slug, "")
	})
	return changed, err
}

// CreateTwin stores a, a translation of the article source, as a new
// draft in source's translation group (named after source when it has
// none yet), with action kb.ActionTranslate: it is never published until
// an editor publishes it. source must have no twin in a's standard yet.
func (s *DB) CreateTwin(ctx context.Context, source string, a kb.Article, author string) (kb.EditorArticle, error) {
	a, err := kb.NormalizeArticle(a)
	if err != nil {
		return kb.EditorArticle{}, err
	}
	if err := s.adopt(ctx); err != nil {
		return kb.EditorArticle{}, err
	}
	var out kb.EditorArticle
	err = s.tx(ctx, func(tx *sql.Tx) error {
		src, err := editable(ctx, tx, source, 0)
		if err != nil {
			return err
		}
		group := src.Group
		if group == "" {
			group = src.Slug
		}
		members, err := groupMembers(ctx, tx, group)
		if err != nil {
			return err
		}
		members[src.Slug] = src.Lang
		for other, l := range members {
			if l == a.Lang {
				return &los.Error{Code: los.ECONFLICT, Key: "editor.error.twin_exists",
					Message: fmt.Sprintf("%q already has a twin in %s: %q", src.Slug, l, other)}
			}
		}
		if err := insertDraft(ctx, tx, a, author, kb.ActionTranslate, millis(s.now())); err != nil {
			return err
		}
		if err := setGroup(ctx, tx, src.Slug, group); err != nil {
			return err
		}
		if err := setGroup(ctx, tx, a.Slug, group); err != nil {
			return err
		}
		out, err = getDoc(ctx, tx, a.Slug)
		return err
	})
	return out, err
}
