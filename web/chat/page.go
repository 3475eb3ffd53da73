package chat

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/lang"
	"github.com/los-bot/los/locales"
	"github.com/los-bot/los/web"
)

// pageTemplates holds one template set per page, each with the layout.
var pageTemplates = mustParsePages("chat.html", "articles.html", "article.html", "notfound.html")

func mustParsePages(names ...string) map[string]*template.Template {
	out := map[string]*template.Template{}
	for _, name := range names {
		out[name] = template.Must(template.Must(template.New(name).ParseFS(web.Templates, "langs.html")).ParseFS(pageFS, "templates/layout.html", "templates/"+name))
	}
	return out
}

// page is what every page template gets: the written standard of the
// page, its texts and links, and the page's own data in Data.
type page struct {
	Lang los.Standard
	// LangQuery is "?lang=xx" when the visitor chose a standard in the URL,
	// kept on the site's own links; "" otherwise.
	LangQuery template.URL
	Path      string // the page's path, for the language switch
	query     url.Values
	Title     string
	// Chat mounts the chat: "inline" fills the page, "launcher" adds the
	// button in the corner, "" none.
	Chat string
	Data any

	texts *locales.Catalog
}

// T returns the text for key in the page's written standard.
func (p page) T(key string, args ...any) string { return p.texts.T(p.Lang, key, args...) }

// Asset returns the hashed URL of a static file.
func (p page) Asset(name string) string { return staticAssets.URL(name) }

// Langs lists the written standards for the language switch.
func (p page) Langs() []los.Standard { return los.Standards }

// Area is the prefix of the language switch's texts (templates/langs.html).
func (p page) Area() string { return "web" }

// LangURL is the page's URL in standard l.
func (p page) LangURL(l los.Standard) string { return web.LangURL(p.Path, p.query, l) }

// newPage starts a page in the visitor's written standard: ?lang=, else
// Accept-Language, else Bokmål.
func (p *pages) newPage(c echo.Context, title string) page {
	pg := page{Lang: web.RequestLang(c), Path: c.Request().URL.Path, query: c.QueryParams(), texts: p.web.Texts()}
	if l, ok := lang.Parse(c.QueryParam("lang")); ok {
		pg.LangQuery = template.URL("?lang=" + string(l))
	}
	pg.Title = pg.T(title)
	return pg
}

// render executes a page template into a buffer first, so a template
// error becomes a clean 500 instead of half a page.
func (p *pages) render(c echo.Context, status int, name string, pg page) error {
	var buf bytes.Buffer
	if err := pageTemplates[name].ExecuteTemplate(&buf, "layout", pg); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderCacheControl, "no-cache")
	h.Set("Content-Language", string(pg.Lang))
	h.Add("Vary", "Accept-Language")
	return c.HTMLBlob(status, buf.Bytes())
}

// notFoundPage answers an unknown or unpublished article with a help-centre
// page, not the API's JSON error.
func (p *pages) notFoundPage(c echo.Context) error {
	pg := p.newPage(c, "web.notfound.title")
	pg.Chat = "launcher"
	return p.render(c, http.StatusNotFound, "notfound.html", pg)
}
