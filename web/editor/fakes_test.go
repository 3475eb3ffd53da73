package editor_test

import (
	"context"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/web/editor"
)

// Fakes of what the editor uses: each method calls its function field;
// one left nil answers "not found" or does nothing.

var errNotFound = &los.Error{Code: los.ENOTFOUND, Message: "not found"}

type fakeArticles struct {
	ArticleFunc        func(ctx context.Context, slug string) (kb.Article, error)
	KBRevisionFunc     func(ctx context.Context) (string, error)
	EditorArticlesFunc func(ctx context.Context, deleted bool) ([]kb.EditorArticle, error)
	EditorArticleFunc  func(ctx context.Context, slug string) (kb.EditorArticle, error)
	CreateArticleFunc  func(ctx context.Context, a kb.Article, author string) (kb.EditorArticle, error)
	SaveArticleFunc    func(ctx context.Context, a kb.Article, base int, author string) (kb.EditorArticle, error)
	AddQuestionFunc    func(ctx context.Context, slug, question, author string) (kb.EditorArticle, error)
	PublishFunc        func(ctx context.Context, slug string, base int, author string) (kb.EditorArticle, error)
	ArchiveFunc        func(ctx context.Context, slug string) (kb.EditorArticle, error)
	UnarchiveFunc      func(ctx context.Context, slug string) (kb.EditorArticle, error)
	DeleteFunc         func(ctx context.Context, slug, author string) (kb.EditorArticle, error)
	RestoreFunc        func(ctx context.Context, slug string) (kb.EditorArticle, error)
	RollbackFunc       func(ctx context.Context, slug string, target, base int, author string, publish bool) (kb.EditorArticle, error)
	VersionsFunc       func(ctx context.Context, slug string) ([]kb.ArticleVersion, error)
	VersionFunc        func(ctx context.Context, slug string, version int) (kb.ArticleVersion, error)
	SynonymsFunc       func(ctx context.Context) (kb.StoredSynonyms, bool, error)
	SetSynonymsFunc    func(ctx context.Context, text, author string) (kb.StoredSynonyms, error)
	GapQuestionsFunc   func(ctx context.Context, since time.Time, limit int) ([]kb.GapQuestion, error)
	PlanImportFunc     func(ctx context.Context, articles []kb.Article) ([]kb.ImportChange, error)
	CommitImportFunc   func(ctx context.Context, imp kb.Import, check func([]kb.ImportChange) error) ([]kb.ImportChange, error)
	TwinsFunc          func(ctx context.Context, slug string) ([]kb.Twin, error)
	LinkFunc           func(ctx context.Context, slug, twin string) ([]string, error)
	UnlinkFunc         func(ctx context.Context, slug string) ([]string, error)
	CreateTwinFunc     func(ctx context.Context, source string, a kb.Article, author string) (kb.EditorArticle, error)
}

func (f *fakeArticles) Twins(ctx context.Context, slug string) ([]kb.Twin, error) {
	if f.TwinsFunc == nil {
		return nil, nil
	}
	return f.TwinsFunc(ctx, slug)
}

func (f *fakeArticles) Link(ctx context.Context, slug, twin string) ([]string, error) {
	if f.LinkFunc == nil {
		return nil, errNotFound
	}
	return f.LinkFunc(ctx, slug, twin)
}

func (f *fakeArticles) Unlink(ctx context.Context, slug string) ([]string, error) {
	if f.UnlinkFunc == nil {
		return nil, nil
	}
	return f.UnlinkFunc(ctx, slug)
}

func (f *fakeArticles) CreateTwin(ctx context.Context, source string, a kb.Article, author string) (kb.EditorArticle, error) {
	if f.CreateTwinFunc == nil {
		return kb.EditorArticle{}, errNotFound
	}
	return f.CreateTwinFunc(ctx, source, a, author)
}

var _ editor.Articles = (*fakeArticles)(nil)

func (f *fakeArticles) Article(ctx context.Context, slug string) (kb.Article, error) {
	if f.ArticleFunc == nil {
		return kb.Article{}, errNotFound
	}
	return f.ArticleFunc(ctx, slug)
}

func (f *fakeArticles) KBRevision(ctx context.Context) (string, error) {
	if f.KBRevisionFunc == nil {
		return "", nil
	}
	return f.KBRevisionFunc(ctx)
}

func (f *fakeArticles) EditorArticles(ctx context.Context, deleted bool) ([]kb.EditorArticle, error) {
	if f.EditorArticlesFunc == nil {
		return nil, nil
	}
	return f.EditorArticlesFunc(ctx, deleted)
}

func (f *fakeArticles) EditorArticle(ctx context.Context, slug string) (kb.EditorArticle, error) {
	if f.EditorArticleFunc == nil {
		return kb.EditorArticle{}, errNotFound
	}
	return f.EditorArticleFunc(ctx, slug)
}

func (f *fakeArticles) CreateArticle(ctx context.Context, a kb.Article, author string) (kb.EditorArticle, error) {
	if f.CreateArticleFunc == nil {
		return kb.EditorArticle{}, errNotFound
	}
	return f.CreateArticleFunc(ctx, a, author)
}

func (f *fakeArticles) SaveArticle(ctx context.Context, a kb.Article, base int, author string) (kb.EditorArticle, error) {
	if f.SaveArticleFunc == nil {
		return kb.EditorArticle{}, errNotFound
	}
	return f.SaveArticleFunc(ctx, a, base, author)
}

func (f *fakeArticles) AddQuestion(ctx context.Context, slug, question, author string) (kb.EditorArticle, error) {
	if f.AddQuestionFunc == nil {
		return kb.EditorArticle{}, errNotFound
	}
	return f.AddQuestionFunc(ctx, slug, question, author)
}

func (f *fakeArticles) Publish(ctx context.Context, slug string, base int, author string) (kb.EditorArticle, error) {
	if f.PublishFunc == nil {
		return kb.EditorArticle{}, errNotFound
	}
	return f.PublishFunc(ctx, slug, base, author)
}

func (f *fakeArticles) Archive(ctx context.Context, slug string) (kb.EditorArticle, error) {
	if f.ArchiveFunc == nil {
		return kb.EditorArticle{}, errNotFound
	}
	return f.ArchiveFunc(ctx, slug)
}

func (f *fakeArticles) Unarchive(ctx context.Context, slug string) (kb.EditorArticle, error) {
	if f.UnarchiveFunc == nil {
		return kb.EditorArticle{}, errNotFound
	}
	return f.UnarchiveFunc(ctx, slug)
}

func (f *fakeArticles) Delete(ctx context.Context, slug, author string) (kb.EditorArticle, error) {
	if f.DeleteFunc == nil {
		return kb.EditorArticle{}, errNotFound
	}
	return f.DeleteFunc(ctx, slug, author)
}

func (f *fakeArticles) Restore(ctx context.Context, slug string) (kb.EditorArticle, error) {
	if f.RestoreFunc == nil {
		return kb.EditorArticle{}, errNotFound
	}
	return f.RestoreFunc(ctx, slug)
}

func (f *fakeArticles) Rollback(ctx context.Context, slug string, target, base int, author string, publish bool) (kb.EditorArticle, error) {
	if f.RollbackFunc == nil {
		return kb.EditorArticle{}, errNotFound
	}
	return f.RollbackFunc(ctx, slug, target, base, author, publish)
}

func (f *fakeArticles) Versions(ctx context.Context, slug string) ([]kb.ArticleVersion, error) {
	if f.VersionsFunc == nil {
		return nil, errNotFound
	}
	return f.VersionsFunc(ctx, slug)
}

func (f *fakeArticles) Version(ctx context.Context, slug string, version int) (kb.ArticleVersion, error) {
	if f.VersionFunc == nil {
		return kb.ArticleVersion{}, errNotFound
	}
	return f.VersionFunc(ctx, slug, version)
}

func (f *fakeArticles) Synonyms(ctx context.Context) (kb.StoredSynonyms, bool, error) {
	if f.SynonymsFunc == nil {
		return kb.StoredSynonyms{}, false, nil
	}
	return f.SynonymsFunc(ctx)
}

func (f *fakeArticles) SetSynonyms(ctx context.Context, text, author string) (kb.StoredSynonyms, error) {
	if f.SetSynonymsFunc == nil {
		return kb.StoredSynonyms{}, nil
	}
	return f.SetSynonymsFunc(ctx, text, author)
}

func (f *fakeArticles) GapQuestions(ctx context.Context, since time.Time, limit int) ([]kb.GapQuestion, error) {
	if f.GapQuestionsFunc == nil {
		return nil, nil
	}
	return f.GapQuestionsFunc(ctx, since, limit)
}

func (f *fakeArticles) PlanImport(ctx context.Context, articles []kb.Article) ([]kb.ImportChange, error) {
	if f.PlanImportFunc == nil {
		return nil, nil
	}
	return f.PlanImportFunc(ctx, articles)
}

func (f *fakeArticles) CommitImport(ctx context.Context, imp kb.Import, check func([]kb.ImportChange) error) ([]kb.ImportChange, error) {
	if f.CommitImportFunc == nil {
		return nil, nil
	}
	return f.CommitImportFunc(ctx, imp, check)
}

// fakeIndex records what the editor does to the index.
type fakeIndex struct {
	PutFunc         func(ctx context.Context, a kb.Article) error
	DeleteFunc      func(ctx context.Context, slug string) error
	SetStampFunc    func(ctx context.Context, stamp string) error
	SearchFunc      func(ctx context.Context, q string, opts kb.SearchOptions) ([]kb.Hit, error)
	AnalyzeFunc     func(q string) kb.Query
	SynonymsFunc    func() *kb.Synonyms
	SetSynonymsFunc func(s *kb.Synonyms)
}

var _ editor.Index = (*fakeIndex)(nil)

func (f *fakeIndex) Put(ctx context.Context, a kb.Article) error { return f.PutFunc(ctx, a) }
func (f *fakeIndex) Delete(ctx context.Context, slug string) error {
	return f.DeleteFunc(ctx, slug)
}
func (f *fakeIndex) SetStamp(ctx context.Context, stamp string) error {
	return f.SetStampFunc(ctx, stamp)
}
func (f *fakeIndex) Search(ctx context.Context, q string, opts kb.SearchOptions) ([]kb.Hit, error) {
	return f.SearchFunc(ctx, q, opts)
}
func (f *fakeIndex) Analyze(q string) kb.Query  { return f.AnalyzeFunc(q) }
func (f *fakeIndex) Synonyms() *kb.Synonyms     { return f.SynonymsFunc() }
func (f *fakeIndex) SetSynonyms(s *kb.Synonyms) { f.SetSynonymsFunc(s) }
