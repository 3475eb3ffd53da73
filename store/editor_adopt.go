package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
)

// adopt brings articles written to the articles table by other means than
// the editor (the demo knowledge base, `los kb import`) into the editor: a
// new article becomes version 1; a changed one gets a new version with
// author "" and action "import", and takes the published state the
// articles table gives it. It is cheap when there is nothing to adopt.
func (s *DB) adopt(ctx context.Context) error {
	const pending = ` FROM articles a LEFT JOIN article_docs d ON d.slug = a.slug WHERE d.slug IS NULL OR d.synced != a.updated`
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*)`+pending).Scan(&n); err != nil || n == 0 {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		type row struct {
			a     kb.Article
			known bool
		}
		rows, err := tx.QueryContext(ctx, `SELECT a.slug, a.title, a.body, a.tags, a.lang, a.published, a.updated, d.slug IS NOT NULL, a.questions`+pending)
		if err != nil {
			return err
		}
		var todo []row
		for rows.Next() {
			var (
				r       row
				l       string
				updated int64
			)
			if err := rows.Scan(&r.a.Slug, &r.a.Title, &r.a.Body, asJSON(&r.a.Tags), &l, &r.a.Published, &updated, &r.known, asJSON(&r.a.Questions)); err != nil {
				rows.Close()
				return err
			}
			r.a.Lang, r.a.Updated = los.Standard(l), fromMillis(updated)
			r.a.Questions = nilIfEmpty(r.a.Questions)
			todo = append(todo, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range todo {
			if err := adoptOne(ctx, tx, r.a, r.known); err != nil {
				return fmt.Errorf("adopt article %q: %w", r.a.Slug, err)
			}
		}
		return nil
	})
}

func adoptOne(ctx context.Context, tx *sql.Tx, a kb.Article, known bool) error {
	at := millis(a.Updated)
	if a.Tags == nil {
		a.Tags = []string{}
	}
	if !known {
		state, pv, pub := kb.StateDraft, 0, int64(0)
		if a.Published {
			state, pv, pub = kb.StatePublished, 1, at
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_docs (slug, state, version, published_version, synced, created, updated)
			VALUES (?, ?, 1, ?, ?, ?, ?)`, a.Slug, string(state), pv, at, at, at); err != nil {
			return err
		}
		if err := insertVersion(ctx, tx, a, 1, "", "import", 0, at); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE article_versions SET published_at = ? WHERE slug = ? AND version = 1`, pub, a.Slug)
		return err
	}
	cur, err := getDoc(ctx, tx, a.Slug)
	if err != nil {
		return err
	}
	v := cur.Version
	if !sameContent(cur.Article, a) {
		v++
		if err := insertVersion(ctx, tx, a, v, "", "import", 0, at); err != nil {
			return err
		}
	}
	state, pv, deleted := cur.State, cur.PublishedVersion, int64(0)
	if !cur.Deleted.IsZero() {
		deleted = millis(cur.Deleted)
	}
	switch {
	case a.Published:
		state, pv, deleted = kb.StatePublished, v, 0
		if _, err := tx.ExecContext(ctx, `UPDATE article_versions SET published_at = ? WHERE slug = ? AND version = ?`, at, a.Slug, v); err != nil {
			return err
		}
	case cur.State == kb.StatePublished && cur.Deleted.IsZero():
		state, pv = kb.StateDraft, 0
	}
	_, err = tx.ExecContext(ctx, `UPDATE article_docs SET state = ?, version = ?, published_version = ?, synced = ?, updated = ?, deleted_at = ?
		WHERE slug = ?`, string(state), v, pv, at, at, deleted, a.Slug)
	return err
}
