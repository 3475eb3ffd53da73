package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
)

const articleCols = `slug, title, body, tags, lang, published, updated, questions`

// articleRead reads articleCols and the translation group (migration 10).
const articleRead = `SELECT a.slug, a.title, a.body, a.tags, a.lang, a.published, a.updated, a.questions, COALESCE(g.group_name, '')
	FROM articles a LEFT JOIN article_groups g ON g.slug = a.slug`

// ImportArticles writes articles (insert or replace by slug) with their
// translation groups in one transaction: all or nothing. It bumps the
// knowledge-base revision.
func (s *DB) ImportArticles(ctx context.Context, articles []kb.Article) error {
	now := s.now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO articles (`+articleCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT(slug) DO UPDATE SET title=excluded.title, body=excluded.body, tags=excluded.tags,
			lang=excluded.lang, published=excluded.published, updated=excluded.updated, questions=excluded.questions`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i := range articles {
			a := &articles[i]
			if _, err := stmt.ExecContext(ctx, a.Slug, a.Title, a.Body, asJSON(&a.Tags), string(a.Lang), a.Published, millis(now), asJSON(&a.Questions)); err != nil {
				return fmt.Errorf("store article %q: %w", a.Slug, err)
			}
			a.Updated = now
			if err := setGroup(ctx, tx, a.Slug, a.Group); err != nil {
				return fmt.Errorf("store article %q: %w", a.Slug, err)
			}
		}
		return bumpRevision(ctx, tx)
	})
}

// Articles returns every article, ordered by slug.
func (s *DB) Articles(ctx context.Context) ([]kb.Article, error) {
	rows, err := s.db.QueryContext(ctx, articleRead+` ORDER BY a.slug`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []kb.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Article returns one article.
func (s *DB) Article(ctx context.Context, slug string) (kb.Article, error) {
	a, err := scanArticle(s.db.QueryRowContext(ctx, articleRead+` WHERE a.slug = ?`, slug))
	if isNoRows(err) {
		return kb.Article{}, notFound("article", slug)
	}
	return a, err
}

// CountArticles returns how many articles there are.
func (s *DB) CountArticles(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n)
	return n, err
}

// KBRevision identifies the current content of the knowledge base; it
// changes with every article write. The search index stores the revision
// it was built from, so a stale index can be told apart.
func (s *DB) KBRevision(ctx context.Context) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'kb_revision'`).Scan(&v)
	if isNoRows(err) {
		return "0", nil
	}
	return v, err
}

func bumpRevision(ctx context.Context, tx *sql.Tx) error {
	var v string
	err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'kb_revision'`).Scan(&v)
	if err != nil && !isNoRows(err) {
		return err
	}
	n, _ := strconv.Atoi(v)
	_, err = tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('kb_revision', ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, strconv.Itoa(n+1))
	return err
}

// nilIfEmpty makes an empty list of example questions nil, as kb.Parse
// gives for a file without questions.
func nilIfEmpty(qs []string) []string {
	if len(qs) == 0 {
		return nil
	}
	return qs
}

type scanner interface{ Scan(dest ...any) error }

func scanArticle(r scanner) (kb.Article, error) {
	var (
		a       kb.Article
		l       string
		updated int64
	)
	if err := r.Scan(&a.Slug, &a.Title, &a.Body, asJSON(&a.Tags), &l, &a.Published, &updated, asJSON(&a.Questions), &a.Group); err != nil {
		return kb.Article{}, err
	}
	a.Questions = nilIfEmpty(a.Questions)
	a.Lang = los.Standard(l)
	a.Updated = fromMillis(updated)
	return a, nil
}

// CitedTitles returns the titles of the articles a conversation's messages
// cite, by slug. Articles deleted since are missing.
func (s *DB) CitedTitles(ctx context.Context, conversationID string) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT a.slug, a.title
		FROM messages m CROSS JOIN `+s.eng.jsonEach("m.citations", "j")+` JOIN articles a ON a.slug = j.value
		WHERE m.conversation_id = ?`, conversationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var slug, title string
		if err := rows.Scan(&slug, &title); err != nil {
			return nil, err
		}
		out[slug] = title
	}
	return out, rows.Err()
}
