package web

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
)

// Editor request bodies may be larger than the chat's: an article, and
// above all a zip to import. See SkipBodyLimit.
const (
	editorBodyLimit = "1M"
	importBodyLimit = "32M"
)

// editor serves the knowledge-base editor: its pages under /editor and the
// article API under /api/v1.
type editor struct {
	*Server
	// auth recognises sessions; sign-in itself is the agent desk's
	// (/agent/login), shared by every role.
	auth *auth.Service
	// mu makes a store change that customers see and the index update
	// after it one step, so the index never ends in an older state than
	// the store when two editors publish at once.
	mu sync.Mutex
}

// editorRoutes serves the knowledge-base editor at /editor and the
// article API. Every route needs a signed-in editor or admin.
func (s *Server) editorRoutes(e *echo.Echo) {
	ed := &editor{Server: s, auth: s.auth}
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
	e.POST("/api/v1/articles/:slug/archive", ed.archiveArticle, api...)
	e.POST("/api/v1/articles/:slug/unarchive", ed.unarchiveArticle, api...)
	e.POST("/api/v1/articles/:slug/restore", ed.restoreArticle, api...)
	e.GET("/api/v1/articles/:slug/versions", ed.listVersions, api...)
	e.GET("/api/v1/articles/:slug/versions/:version", ed.getVersion, api...)
	e.GET("/api/v1/articles/:slug/diff", ed.diffVersions, api...)
	e.POST("/api/v1/articles/:slug/rollback", ed.rollback, api...)

	e.POST("/api/v1/editor/preview", ed.preview, small...)
	e.GET("/api/v1/editor/synonyms", ed.getSynonyms, api...)
	e.PUT("/api/v1/editor/synonyms", ed.putSynonyms, small...)
	e.POST("/api/v1/editor/import/preview", ed.importPreview, large...)
	e.POST("/api/v1/editor/import/commit", ed.importCommit, large...)
	e.GET("/api/v1/editor/export", ed.export, api...)
	e.POST("/api/v1/editor/test", ed.testQuestion, small...)
	e.GET("/api/v1/editor/gaps", ed.gaps, api...)

	pages := ed.guardPage()
	e.GET("/editor/static/*", serveAssets(editorAssets, "*"))
	for _, v := range editorViews {
		e.GET(v.path, ed.page(v), pages...)
	}
}

// SkipBodyLimit reports whether a request's body limit is set by its own
// route (the editor's uploads) rather than by the server-wide one. Give it
// to the server-wide BodyLimit as its Skipper.
func SkipBodyLimit(c echo.Context) bool {
	p := c.Path()
	return strings.HasPrefix(p, "/api/v1/articles") || strings.HasPrefix(p, "/api/v1/editor/")
}

// sync brings the index in line with what customers see of slug in the
// store, and stamps it with the store's revision. Call it with ed.mu held,
// after the store change.
func (ed *editor) sync(ctx context.Context, slug string) error {
	a, err := ed.DB.Article(ctx, slug)
	switch {
	case los.ErrorCode(err) == los.ENOTFOUND || err == nil && !a.Published:
		err = ed.Index.Delete(ctx, slug)
	case err == nil:
		err = ed.Index.Put(ctx, a)
	}
	if err != nil {
		return err
	}
	rev, err := ed.DB.KBRevision(ctx)
	if err != nil {
		return err
	}
	return ed.Index.SetStamp(ctx, rev)
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
