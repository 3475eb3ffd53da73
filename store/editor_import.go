package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
)

// PlanImport tells what importing articles would do, without doing it.
//
// An imported article is compared with the working copy. New content
// becomes a new version; an article marked published is published (also
// when only its publication is new). An import never unpublishes: an
// article marked unpublished keeps its published version, and its content
// is saved as a draft. An article in the bin is restored.
func (s *DB) PlanImport(ctx context.Context, articles []kb.Article) ([]kb.ImportChange, error) {
	if err := s.adopt(ctx); err != nil {
		return nil, err
	}
	var out []kb.ImportChange
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = planImport(ctx, tx, articles)
		return err
	})
	return out, err
}

func planImport(ctx context.Context, tx *sql.Tx, articles []kb.Article) ([]kb.ImportChange, error) {
	if err := checkImportGroups(ctx, tx, articles); err != nil {
		return nil, err
	}
	out := make([]kb.ImportChange, 0, len(articles))
	for _, a := range articles {
		a, err := kb.NormalizeArticle(a)
		if err != nil {
			return nil, err
		}
		cur, err := getDoc(ctx, tx, a.Slug)
		if los.ErrorCode(err) == los.ENOTFOUND {
			out = append(out, kb.ImportChange{Slug: a.Slug, Status: kb.ImportNew})
			continue
		}
		if err != nil {
			return nil, err
		}
		c := kb.ImportChange{Slug: a.Slug, Status: kb.ImportUnchanged}
		if cur.Title != a.Title {
			c.Fields = append(c.Fields, "title")
		}
		if cur.Body != a.Body {
			c.Fields = append(c.Fields, "text")
		}
		if !slices.Equal(cur.Tags, a.Tags) {
			c.Fields = append(c.Fields, "tags")
		}
		if !slices.Equal(cur.Questions, a.Questions) {
			c.Fields = append(c.Fields, "questions")
		}
		if cur.Lang != a.Lang {
			c.Fields = append(c.Fields, "lang")
		}
		if !cur.Deleted.IsZero() {
			c.Fields = append(c.Fields, "restore")
		}
		if a.Published && (len(c.Fields) > 0 || cur.State != kb.StatePublished || cur.Version != cur.PublishedVersion) {
			c.Fields = append(c.Fields, "publish")
		}
		// The group is the article's own, not its content's: a new link
		// publishes nothing.
		if cur.Group != a.Group {
			c.Fields = append(c.Fields, "group")
		}
		if len(c.Fields) > 0 {
			c.Status = kb.ImportChanged
		}
		out = append(out, c)
	}
	return out, nil
}

// CommitImport imports in one transaction: all or nothing. check, when not
// nil, sees the plan inside the transaction and may refuse it (for example
// when it differs from the preview an editor approved).
func (s *DB) CommitImport(ctx context.Context, imp kb.Import, check func([]kb.ImportChange) error) ([]kb.ImportChange, error) {
	if err := s.adopt(ctx); err != nil {
		return nil, err
	}
	var plan []kb.ImportChange
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if plan, err = planImport(ctx, tx, imp.Articles); err != nil {
			return err
		}
		if check != nil {
			if err := check(plan); err != nil {
				return err
			}
		}
		for i, c := range plan {
			a, _ := kb.NormalizeArticle(imp.Articles[i])
			if err := s.importOne(ctx, tx, a, imp.Articles[i].Published, c, imp.Author); err != nil {
				return fmt.Errorf("import %q: %w", a.Slug, err)
			}
		}
		if imp.Synonyms != nil {
			return s.setSynonyms(ctx, tx, *imp.Synonyms, imp.Author)
		}
		return nil
	})
	return plan, err
}

func (s *DB) importOne(ctx context.Context, tx *sql.Tx, a kb.Article, publish bool, c kb.ImportChange, author string) error {
	now := millis(s.now())
	if c.Status == kb.ImportNew {
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_docs (slug, state, version, created, updated) VALUES (?, ?, 1, ?, ?)`,
			a.Slug, string(kb.StateDraft), now, now); err != nil {
			return err
		}
		if err := insertVersion(ctx, tx, a, 1, author, "import", 0, now); err != nil {
			return err
		}
	} else if c.Status == kb.ImportUnchanged {
		return nil
	}
	if err := setGroup(ctx, tx, a.Slug, a.Group); err != nil {
		return err
	}
	cur, err := getDoc(ctx, tx, a.Slug)
	if err != nil {
		return err
	}
	if !cur.Deleted.IsZero() {
		if cur.State == kb.StatePublished {
			v, err := getVersion(ctx, tx, a.Slug, cur.PublishedVersion)
			if err != nil {
				return err
			}
			if err := s.show(ctx, tx, v.Article(), now); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE article_docs SET deleted_at = 0, deleted_by = '', updated = ? WHERE slug = ?`, now, a.Slug); err != nil {
			return err
		}
	}
	if !sameContent(cur.Article, a) {
		if err := s.newVersion(ctx, tx, cur, a, author, "import", 0); err != nil {
			return err
		}
	}
	if !publish {
		return nil
	}
	if cur, err = getDoc(ctx, tx, a.Slug); err != nil {
		return err
	}
	return s.publish(ctx, tx, cur, author)
}
