// Package editor is the knowledge-base editor: its pages under /editor
// and the article API under /api/v1 (articles and their versions,
// publishing, the bin, synonyms, import and export as a zip, the question
// tester, content gaps). Every route needs a signed-in editor or admin;
// what customers see changes in the store and the search index together.
package editor

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/web"
)

// Editor request bodies may be larger than the chat's: an article, and
// above all a zip to import.
const (
	editorBodyLimit = "1M"
	importBodyLimit = "32M"
)

// Deps are the editor's parts; cmd/los gives it the store, the index and
// the bot.
type Deps struct {
	Articles Articles
	Index    Index
	// Bot answers the tester's questions; BotFor is the same bot
	// answering from another index (the tester's drafts).
	Bot    Bot
	BotFor func(r los.Retriever) Bot
	// Triager is the bot's, for the tester to show what triage makes of a
	// question; nil: not shown.
	Triager los.Triager
	// Demo removes the demo articles still as shipped; nil: not offered.
	Demo Demo
	// Translator makes draft twins ("Lag nynorskutkast"); nil: the
	// editor says translation is not set up.
	Translator Translator
}

// Translator translates between Bokmål and Nynorsk (package apertium).
type Translator interface {
	Translate(ctx context.Context, from, to los.Standard, text string) (string, error)
	// Available is nil when it can translate, else why not.
	Available() error
}

// Articles is the knowledge base in the store, as editors edit it.
type Articles interface {
	Article(ctx context.Context, slug string) (kb.Article, error)
	KBRevision(ctx context.Context) (string, error)
	EditorArticles(ctx context.Context, deleted bool) ([]kb.EditorArticle, error)
	EditorArticle(ctx context.Context, slug string) (kb.EditorArticle, error)
	CreateArticle(ctx context.Context, a kb.Article, author string) (kb.EditorArticle, error)
	SaveArticle(ctx context.Context, a kb.Article, base int, author string) (kb.EditorArticle, error)
	AddQuestion(ctx context.Context, slug, question, author string) (kb.EditorArticle, error)
	Publish(ctx context.Context, slug string, base int, author string) (kb.EditorArticle, error)
	Archive(ctx context.Context, slug string) (kb.EditorArticle, error)
	Unarchive(ctx context.Context, slug string) (kb.EditorArticle, error)
	Delete(ctx context.Context, slug, author string) (kb.EditorArticle, error)
	Restore(ctx context.Context, slug string) (kb.EditorArticle, error)
	Rollback(ctx context.Context, slug string, target, base int, author string, publish bool) (kb.EditorArticle, error)
	Versions(ctx context.Context, slug string) ([]kb.ArticleVersion, error)
	Version(ctx context.Context, slug string, version int) (kb.ArticleVersion, error)
	Synonyms(ctx context.Context) (syn kb.StoredSynonyms, ok bool, err error)
	SetSynonyms(ctx context.Context, text, author string) (kb.StoredSynonyms, error)
	GapQuestions(ctx context.Context, since time.Time, limit int) ([]kb.GapQuestion, error)
	PlanImport(ctx context.Context, articles []kb.Article) ([]kb.ImportChange, error)
	CommitImport(ctx context.Context, imp kb.Import, check func([]kb.ImportChange) error) ([]kb.ImportChange, error)
	Twins(ctx context.Context, slug string) ([]kb.Twin, error)
	Link(ctx context.Context, slug, twin string) ([]string, error)
	Unlink(ctx context.Context, slug string) ([]string, error)
	CreateTwin(ctx context.Context, source string, a kb.Article, author string) (kb.EditorArticle, error)
}

// Index is the search index customers' questions are answered from: the
// editor keeps it in line with what is published, and searches it.
type Index interface {
	Put(ctx context.Context, a kb.Article) error
	Delete(ctx context.Context, slug string) error
	SetStamp(ctx context.Context, stamp string) error
	Search(ctx context.Context, q string, opts kb.SearchOptions) ([]kb.Hit, error)
	Analyze(q string) kb.Query
	Synonyms() *kb.Synonyms
	SetSynonyms(s *kb.Synonyms)
}

// Bot answers a question as customers would be answered.
type Bot interface {
	Turn(ctx context.Context, req los.TurnRequest) (los.Result, error)
}

// editor serves the knowledge-base editor.
type editor struct {
	web     *web.Server
	store   Articles
	index   Index
	bot     Bot
	botFor  func(r los.Retriever) Bot
	triager los.Triager
	demo    Demo
	tr      Translator
	// mu makes a store change that customers see and the index update
	// after it one step, so the index never ends in an older state than
	// the store when two editors publish at once.
	mu sync.Mutex
}

// Routes serves the knowledge-base editor at /editor and the article API.
// Every route needs a signed-in editor or admin.
func Routes(s *web.Server, d Deps) {
	ed := &editor{web: s, store: d.Articles, index: d.Index, bot: d.Bot, botFor: d.BotFor, triager: d.Triager, demo: d.Demo, tr: d.Translator}
	e := s.Echo()
	s.OwnBodyLimit("/api/v1/articles", "/api/v1/editor/")
	api := ed.guardAPI()
	small := slices.Concat(api, []echo.MiddlewareFunc{middleware.BodyLimit(editorBodyLimit)})
	large := slices.Concat(api, []echo.MiddlewareFunc{middleware.BodyLimit(importBodyLimit)})

	e.GET("/api/v1/editor/me", ed.me, api...)
	e.GET("/api/v1/articles", ed.listArticles, api...)
	e.POST("/api/v1/articles", ed.createArticle, small...)
	e.GET("/api/v1/articles/:slug", ed.getArticle, api...)
	e.PUT("/api/v1/articles/:slug", ed.saveArticle, small...)
	e.DELETE("/api/v1/articles/:slug", ed.deleteArticle, api...)
	e.POST("/api/v1/articles/:slug/publish", ed.publishArticle, api...)
	e.POST("/api/v1/articles/:slug/questions", ed.addQuestion, small...)
	e.POST("/api/v1/articles/:slug/archive", ed.archiveArticle, api...)
	e.POST("/api/v1/articles/:slug/unarchive", ed.unarchiveArticle, api...)
	e.POST("/api/v1/articles/:slug/restore", ed.restoreArticle, api...)
	e.GET("/api/v1/articles/:slug/versions", ed.listVersions, api...)
	e.GET("/api/v1/articles/:slug/versions/:version", ed.getVersion, api...)
	e.GET("/api/v1/articles/:slug/diff", ed.diffVersions, api...)
	e.POST("/api/v1/articles/:slug/rollback", ed.rollback, api...)
	e.GET("/api/v1/articles/:slug/twins", ed.getTwins, api...)
	e.POST("/api/v1/articles/:slug/twins", ed.linkTwin, small...)
	e.DELETE("/api/v1/articles/:slug/twins", ed.unlinkTwin, api...)
	e.POST("/api/v1/articles/:slug/translate", ed.translateArticle, small...)

	e.POST("/api/v1/editor/preview", ed.preview, small...)
	e.GET("/api/v1/editor/synonyms", ed.getSynonyms, api...)
	e.PUT("/api/v1/editor/synonyms", ed.putSynonyms, small...)
	e.POST("/api/v1/editor/import/preview", ed.importPreview, large...)
	e.POST("/api/v1/editor/import/commit", ed.importCommit, large...)
	e.GET("/api/v1/editor/export", ed.export, api...)
	e.POST("/api/v1/editor/test", ed.testQuestion, small...)
	e.GET("/api/v1/editor/gaps", ed.gaps, api...)
	if d.Demo != nil {
		e.GET("/api/v1/editor/demo", ed.demoPlan, api...)
		e.POST("/api/v1/editor/demo/remove", ed.removeDemo, api...)
	}

	pages := ed.guardPage()
	e.GET("/editor/static/:name", editorAssets.Handler("name"))
	for _, v := range editorViews {
		e.GET(v.path, ed.page(v), pages...)
	}
}

// sync brings the index in line with what customers see of slug in the
// store, and stamps it with the store's revision. Call it with ed.mu held,
// after the store change.
func (ed *editor) sync(ctx context.Context, slug string) error {
	a, err := ed.store.Article(ctx, slug)
	switch {
	case los.ErrorCode(err) == los.ENOTFOUND || err == nil && !a.Published:
		err = ed.index.Delete(ctx, slug)
	case err == nil:
		err = ed.index.Put(ctx, a)
	}
	if err != nil {
		return err
	}
	rev, err := ed.store.KBRevision(ctx)
	if err != nil {
		return err
	}
	return ed.index.SetStamp(ctx, rev)
}

// change runs a store change that may alter what customers see of the
// given articles, then updates the index for them.
func (ed *editor) change(ctx context.Context, fn func() ([]string, error)) error {
	ed.mu.Lock()
	defer ed.mu.Unlock()
	slugs, err := fn()
	if err != nil {
		return err
	}
	for _, slug := range slugs {
		if err := ed.sync(ctx, slug); err != nil {
			return err
		}
	}
	return nil
}
