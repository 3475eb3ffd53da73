package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/lang"
)

// ArticleState is where an article stands in the editor.
type ArticleState string

// The states. Soft deletion is separate (EditorArticle.Deleted), so a
// restored article comes back in the state it had.
const (
	StateDraft     ArticleState = "draft"     // customers see nothing
	StatePublished ArticleState = "published" // customers see PublishedVersion
	StateArchived  ArticleState = "archived"  // hidden from customers, kept
)

// EditorArticle is an article as editors see it: its working copy (the
// latest saved version) and where it stands. Article.Published reports
// whether customers see the article now.
type EditorArticle struct {
	kb.Article
	Version          int // the latest saved version: the base of the next save
	PublishedVersion int // the version customers see; 0 when none
	State            ArticleState
	Author           string // who saved Version
	Created          time.Time
	Deleted          time.Time // zero unless the article is in the bin
}

// Pending reports whether the working copy has changes customers do not
// see yet.
func (a EditorArticle) Pending() bool {
	return a.State == StatePublished && a.Version != a.PublishedVersion
}

// ArticleVersion is one saved version of an article.
type ArticleVersion struct {
	Slug    string
	Version int
	Title   string
	Body    string
	Tags    []string
	// Questions are the article's example questions in this version.
	Questions []string
	Lang      lang.Standard
	Author    string
	Action    string // create, save, rollback, import
	Source    int    // for a rollback: the version it restored
	Created   time.Time
	// PublishedAt is when this version was last published; zero if never.
	PublishedAt time.Time
	PublishedBy string
}

// Article returns the version's content as an unpublished article.
func (v ArticleVersion) Article() kb.Article {
	return kb.Article{Slug: v.Slug, Title: v.Title, Body: v.Body, Tags: v.Tags, Questions: v.Questions, Lang: v.Lang, Updated: v.Created}
}

// NormalizeArticle trims an article the way kb.Parse reads it back, so
// that what is saved survives an export and import unchanged, and checks
// it. Errors are *bot.Error with code EINVALID.
func NormalizeArticle(a kb.Article) (kb.Article, error) {
	a.Slug = strings.TrimSpace(a.Slug)
	a.Title = strings.Join(strings.Fields(a.Title), " ")
	a.Body = strings.TrimSpace(strings.ReplaceAll(a.Body, "\r\n", "\n"))
	if a.Lang == "" {
		a.Lang = lang.Bokmal
	}
	var tags []string
	for _, t := range a.Tags {
		t = strings.Join(strings.Fields(strings.ReplaceAll(t, ",", " ")), " ")
		if t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	a.Tags = tags
	var questions []string
	for _, q := range a.Questions {
		q = strings.Join(strings.Fields(q), " ")
		if q != "" && !slices.Contains(questions, q) {
			questions = append(questions, q)
		}
	}
	a.Questions = questions
	switch {
	case !kb.ValidSlug(a.Slug):
		return a, &bot.Error{Code: bot.EINVALID, Key: "editor.error.slug",
			Message: fmt.Sprintf("invalid slug %q: use lowercase letters a-z, digits and single hyphens", a.Slug)}
	case a.Title == "":
		return a, &bot.Error{Code: bot.EINVALID, Key: "editor.error.title", Message: "the title is empty"}
	case a.Body == "":
		return a, &bot.Error{Code: bot.EINVALID, Key: "editor.error.body", Message: "the text is empty"}
	}
	if _, ok := lang.Parse(string(a.Lang)); !ok {
		return a, &bot.Error{Code: bot.EINVALID, Key: "editor.error.lang", Message: fmt.Sprintf("unknown lang %q: use nb, nn or en", a.Lang)}
	}
	return a, nil
}

// sameContent reports whether two articles have the same title, text,
// tags, example questions and written standard.
func sameContent(a, b kb.Article) bool {
	return a.Title == b.Title && a.Body == b.Body && a.Lang == b.Lang && slices.Equal(a.Tags, b.Tags) &&
		slices.Equal(a.Questions, b.Questions)
}

const docCols = `d.slug, d.state, d.version, d.published_version, d.created, d.updated, d.deleted_at,
	v.title, v.body, v.tags, v.lang, v.author, v.questions`

const docFrom = ` FROM article_docs d JOIN article_versions v ON v.slug = d.slug AND v.version = d.version`

// EditorArticles returns every article in the editor, ordered by slug;
// those in the bin only when deleted is true, and then only those.
func (s *DB) EditorArticles(ctx context.Context, deleted bool) ([]EditorArticle, error) {
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
	var out []EditorArticle
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
func (s *DB) EditorArticle(ctx context.Context, slug string) (EditorArticle, error) {
	if err := s.adopt(ctx); err != nil {
		return EditorArticle{}, err
	}
	return getDoc(ctx, s.db, slug)
}

// querier is what *sql.DB and *sql.Tx share, so a read can run inside or
// outside a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func getDoc(ctx context.Context, q querier, slug string) (EditorArticle, error) {
	a, err := scanDoc(q.QueryRowContext(ctx, `SELECT `+docCols+docFrom+` WHERE d.slug = ?`, slug))
	if isNoRows(err) {
		return a, &bot.Error{Code: bot.ENOTFOUND, Key: "editor.error.not_found", Message: fmt.Sprintf("article %q not found", slug)}
	}
	return a, err
}

func scanDoc(r scanner) (EditorArticle, error) {
	var (
		a                         EditorArticle
		state, tags, l, questions string
		created, updated, deleted int64
	)
	err := r.Scan(&a.Slug, &state, &a.Version, &a.PublishedVersion, &created, &updated, &deleted,
		&a.Title, &a.Body, &tags, &l, &a.Author, &questions)
	if err != nil {
		return a, err
	}
	if err := json.Unmarshal([]byte(tags), &a.Tags); err != nil {
		return a, fmt.Errorf("article %q: tags: %w", a.Slug, err)
	}
	if err := unmarshalQuestions(questions, &a.Questions); err != nil {
		return a, fmt.Errorf("article %q: questions: %w", a.Slug, err)
	}
	a.State, a.Lang = ArticleState(state), lang.Standard(l)
	a.Created, a.Updated = fromMillis(created), fromMillis(updated)
	if deleted != 0 {
		a.Deleted = fromMillis(deleted)
	}
	a.Published = a.State == StatePublished && deleted == 0
	return a, nil
}

// CreateArticle stores a new draft as version 1. A slug already in use,
// also by an article in the bin, is a conflict.
func (s *DB) CreateArticle(ctx context.Context, a kb.Article, author string) (EditorArticle, error) {
	a, err := NormalizeArticle(a)
	if err != nil {
		return EditorArticle{}, err
	}
	if err := s.adopt(ctx); err != nil {
		return EditorArticle{}, err
	}
	var out EditorArticle
	err = s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := getDoc(ctx, tx, a.Slug)
		switch {
		case err == nil && !cur.Deleted.IsZero():
			return &bot.Error{Code: bot.ECONFLICT, Key: "editor.error.slug_in_bin",
				Message: fmt.Sprintf("an article in the bin uses the slug %q: restore it or choose another slug", a.Slug)}
		case err == nil:
			return &bot.Error{Code: bot.ECONFLICT, Key: "editor.error.slug_taken",
				Message: fmt.Sprintf("the slug %q is taken: choose another", a.Slug)}
		case bot.ErrorCode(err) != bot.ENOTFOUND:
			return err
		}
		now := millis(s.now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_docs (slug, state, version, created, updated) VALUES (?, ?, 1, ?, ?)`,
			a.Slug, string(StateDraft), now, now); err != nil {
			return err
		}
		if err := insertVersion(ctx, tx, a, 1, author, "create", 0, now); err != nil {
			return err
		}
		out, err = getDoc(ctx, tx, a.Slug)
		return err
	})
	return out, err
}

// SaveArticle stores a's content as a new version of the article a.Slug.
// base is the version the editor started from: if someone saved since, the
// save is refused with ECONFLICT and nothing is written. Saving content
// equal to the latest version writes nothing. Customers keep seeing the
// published version until the article is published again. Questions nil
// keeps the latest version's example questions (an editor form without
// them loses none); an empty, non-nil list removes them.
func (s *DB) SaveArticle(ctx context.Context, a kb.Article, base int, author string) (EditorArticle, error) {
	keep := a.Questions == nil
	a, err := NormalizeArticle(a)
	if err != nil {
		return EditorArticle{}, err
	}
	return s.change(ctx, a.Slug, base, func(tx *sql.Tx, cur EditorArticle, _ int64) error {
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
func editable(ctx context.Context, tx *sql.Tx, slug string, base int) (EditorArticle, error) {
	cur, err := getDoc(ctx, tx, slug)
	if err != nil {
		return cur, err
	}
	if !cur.Deleted.IsZero() {
		return cur, &bot.Error{Code: bot.ECONFLICT, Key: "editor.error.in_bin",
			Message: fmt.Sprintf("article %q is in the bin: restore it first", slug)}
	}
	if base != 0 && base != cur.Version {
		return cur, &bot.Error{Code: bot.ECONFLICT, Key: "editor.error.stale",
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
func (s *DB) newVersion(ctx context.Context, tx *sql.Tx, cur EditorArticle, a kb.Article, author, action string, source int) error {
	now := millis(s.now())
	v := cur.Version + 1
	if err := insertVersion(ctx, tx, a, v, author, action, source, now); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE article_docs SET version = ?, updated = ? WHERE slug = ?`, v, now, a.Slug)
	return err
}

func insertVersion(ctx context.Context, tx *sql.Tx, a kb.Article, v int, author, action string, source int, now int64) error {
	tags, _ := json.Marshal(nonNil(a.Tags))
	questions, _ := json.Marshal(nonNil(a.Questions))
	_, err := tx.ExecContext(ctx, `INSERT INTO article_versions (slug, version, title, body, tags, lang, author, action, source, created, questions)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.Slug, v, a.Title, a.Body, string(tags), string(a.Lang), author, action, source, now, string(questions))
	return err
}
