package admin

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/web"
)

//go:embed templates
var analyticsFS embed.FS

// analyticsPages are the dashboard's template and stylesheet, read once.
type analyticsPages struct {
	tmpl       *template.Template
	css        []byte
	cssVersion string
}

func mustLoadAnalyticsPages() *analyticsPages {
	css, err := analyticsFS.ReadFile("templates/analytics.css")
	if err != nil {
		panic(err)
	}
	h := sha256.Sum256(css)
	return &analyticsPages{
		tmpl:       template.Must(template.ParseFS(analyticsFS, "templates/dashboard.html", "templates/top.html")),
		css:        css,
		cssVersion: hex.EncodeToString(h[:6]),
	}
}

// analyticsPage is what the dashboard template sees.
type analyticsPage struct {
	Lang      los.Standard
	Email     string
	CSRF      string
	From, To  string
	Standard  string
	Standards []los.Standard
	Report    *los.Report
	Tables    []table
	Charts    []chart
	CSS       string

	t func(l los.Standard, key string, args ...any) string
}

// TitleKey names the page's title text.
func (analyticsPage) TitleKey() string { return "analytics.title" }

// T returns a text in the page's standard.
func (p analyticsPage) T(key string, args ...any) string { return p.t(p.Lang, key, args...) }

// CSV returns the download link of a table for the page's period.
func (p analyticsPage) CSV(name string) string {
	q := url.Values{"format": {"csv"}, "table": {name}, "from": {p.From}, "to": {p.To}}
	if p.Standard != "" {
		q.Set("standard", p.Standard)
	}
	return "/admin/analytics?" + q.Encode()
}

func (a *analytics) render(c echo.Context, ui los.Standard, r *los.Report, tables []table) error {
	p := analyticsPage{
		Lang: ui, From: r.Period.From.Format(time.DateOnly), To: r.Period.To.AddDate(0, 0, -1).Format(time.DateOnly),
		Standard: string(r.Period.Lang), Standards: []los.Standard{los.Bokmal, los.Nynorsk, los.English},
		Report: r, Tables: tables, Charts: reportCharts(r, a.formatter(ui)),
		CSS: "/admin/analytics/assets/analytics.css?v=" + a.pages.cssVersion, t: a.web.Texts().T,
	}
	if u := web.UserFrom(c); u != nil {
		p.Email = u.Email
	}
	if sess := web.SessionFrom(c); sess != nil {
		p.CSRF = sess.CSRF
	}
	var buf bytes.Buffer
	if err := a.pages.tmpl.Execute(&buf, p); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.HTMLBlob(http.StatusOK, buf.Bytes())
}

// asset serves the stylesheet; the versioned URL may be cached for good.
func (a *analytics) asset(c echo.Context) error {
	if c.Param("name") != "analytics.css" {
		return echo.ErrNotFound
	}
	cache := "no-cache"
	if c.QueryParam("v") == a.pages.cssVersion {
		cache = "public, max-age=31536000, immutable"
	}
	c.Response().Header().Set(echo.HeaderCacheControl, cache)
	return c.Blob(http.StatusOK, "text/css; charset=utf-8", a.pages.css)
}
