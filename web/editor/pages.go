package editor

import (
	"bytes"
	"embed"
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/lang"
	"github.com/los-bot/los/locales"
	"github.com/los-bot/los/web"
)

// The editor's templates; its stylesheet and script are in assets.go.
//
//go:embed templates/*.html
var editorFS embed.FS

// editorView is one page of the editor: all share the layout and the
// script, which reads the view's name from <body data-view>.
type editorView struct {
	name, path string
	nav        string // the navigation entry it belongs to
}

var editorViews = []editorView{
	{"articles", "/editor", "articles"},
	{"edit", "/editor/new", "new"},
	{"edit", "/editor/articles/:slug", "articles"},
	{"history", "/editor/articles/:slug/history", "articles"},
	{"twins", "/editor/articles/:slug/twins", "articles"},
	{"bin", "/editor/bin", "bin"},
	{"synonyms", "/editor/synonyms", "synonyms"},
	{"import", "/editor/import", "import"},
	{"tester", "/editor/tester", "tester"},
	{"gaps", "/editor/gaps", "gaps"},
}

// editorNav lists the navigation, in order.
var editorNav = []struct{ name, path string }{
	{"articles", "/editor"}, {"new", "/editor/new"}, {"gaps", "/editor/gaps"}, {"tester", "/editor/tester"},
	{"synonyms", "/editor/synonyms"}, {"import", "/editor/import"}, {"bin", "/editor/bin"},
}

var editorTemplates = func() map[string]*template.Template {
	out := map[string]*template.Template{}
	for _, v := range append(editorViews, editorView{name: "forbidden"}) {
		if out[v.name] == nil {
			out[v.name] = template.Must(template.Must(template.New(v.name).ParseFS(web.Templates, "langs.html")).ParseFS(editorFS, "templates/layout.html", "templates/"+v.name+".html"))
		}
	}
	return out
}()

type navItem struct {
	Key, Path string
	Current   bool
}

// editorPage is what the editor's templates get.
type editorPage struct {
	Lang      los.Standard
	LangQuery template.URL
	Path      string
	View      string
	Title     string
	Slug      string // the article, on its pages
	User      string
	CSRF      string
	Texts     string // the editor's texts as JSON, for the script
	Nav       []navItem

	texts *locales.Catalog
	query url.Values
}

func (p editorPage) T(key string, args ...any) string { return p.texts.T(p.Lang, key, args...) }

func (p editorPage) Langs() []los.Standard { return los.Standards }

// Area is the prefix of the language switch's texts (templates/langs.html).
func (p editorPage) Area() string { return "editor" }

// LangURL is the page's URL in standard l, its other parameters kept.
func (p editorPage) LangURL(l los.Standard) string { return web.LangURL(p.Path, p.query, l) }

// page renders one view of the editor. Its content comes from the API.
func (ed *editor) page(view editorView) echo.HandlerFunc {
	return func(c echo.Context) error {
		l := web.RequestLang(c)
		p := editorPage{Lang: l, Path: c.Request().URL.Path, View: view.name, Slug: c.Param("slug"),
			User: editorName(c), CSRF: csrfToken(c), texts: ed.web.Texts(), query: c.QueryParams()}
		if p.Slug != "" && !kb.ValidSlug(p.Slug) {
			return echo.ErrNotFound
		}
		if q, ok := lang.Parse(c.QueryParam("lang")); ok {
			p.LangQuery = template.URL("?lang=" + string(q))
		}
		p.Title = p.T("editor.nav." + view.nav)
		for _, n := range editorNav {
			p.Nav = append(p.Nav, navItem{Key: "editor.nav." + n.name, Path: n.path, Current: n.name == view.nav})
		}
		texts, err := json.Marshal(ed.web.Texts().Prefix(l, "editor."))
		if err != nil {
			return err
		}
		p.Texts = string(texts)
		status := http.StatusOK
		if view.name == "forbidden" {
			status, p.Nav = http.StatusForbidden, nil
		}
		var buf bytes.Buffer
		if err := editorTemplates[view.name].ExecuteTemplate(&buf, "layout", p); err != nil {
			return err
		}
		h := c.Response().Header()
		h.Set(echo.HeaderCacheControl, "no-store")
		h.Set("Content-Language", string(l))
		h.Add("Vary", "Accept-Language")
		return c.HTMLBlob(status, buf.Bytes())
	}
}
