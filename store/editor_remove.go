package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
)

// RemoveUnchanged moves to the editor's bin each of the given articles
// that the store still holds exactly as given: its latest version and, if
// customers see it, what they see have the given title, text, tags and
// written standard. Used to remove the demo knowledge base, it never
// touches an article someone changed: those are returned in changed, and
// left as they are. Articles the store does not have, or has in the bin
// already, are in neither list. Removed articles can be restored from the
// bin like any deleted one; all of it is one transaction.
func (s *DB) RemoveUnchanged(ctx context.Context, articles []kb.Article, author string) (removed, changed []string, err error) {
	return s.removeUnchanged(ctx, articles, author, true)
}

// WouldRemoveUnchanged says what RemoveUnchanged would remove and keep,
// changing nothing.
func (s *DB) WouldRemoveUnchanged(ctx context.Context, articles []kb.Article) (removed, changed []string, err error) {
	return s.removeUnchanged(ctx, articles, "", false)
}

// errDryRun rolls back a transaction run only to see what it would do.
var errDryRun = errors.New("dry run")

func (s *DB) removeUnchanged(ctx context.Context, articles []kb.Article, author string, apply bool) (removed, changed []string, err error) {
	if err := s.adopt(ctx); err != nil {
		return nil, nil, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		removed, changed = nil, nil
		now := millis(s.now())
		for _, want := range articles {
			cur, err := getDoc(ctx, tx, want.Slug)
			switch {
			case los.ErrorCode(err) == los.ENOTFOUND:
				continue
			case err != nil:
				return err
			case !cur.Deleted.IsZero():
				continue
			}
			same, err := unchanged(ctx, tx, cur, want)
			if err != nil {
				return err
			}
			if !same {
				changed = append(changed, want.Slug)
				continue
			}
			removed = append(removed, want.Slug)
			if !apply {
				continue
			}
			if err := s.hide(ctx, tx, want.Slug, now); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE article_docs SET deleted_at = ?, deleted_by = ?, updated = ? WHERE slug = ?`,
				now, author, now, want.Slug); err != nil {
				return err
			}
		}
		if !apply {
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return nil, nil, err
	}
	return removed, changed, nil
}

// unchanged reports whether the editor's latest version of cur and, when
// published, what customers see of it, are want.
func unchanged(ctx context.Context, tx *sql.Tx, cur kb.EditorArticle, want kb.Article) (bool, error) {
	if !sameContent(cur.Article, want) {
		return false, nil
	}
	shown, err := scanArticle(tx.QueryRowContext(ctx, articleRead+` WHERE a.slug = ? AND a.published != 0`, want.Slug))
	if isNoRows(err) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	return sameContent(shown, want), nil
}
