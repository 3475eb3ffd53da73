package admin

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/web"
)

//go:generate go run ../../internal/assetbuild/genassets admin

//go:embed templates
var analyticsFS embed.FS

// distFS holds the pages' stylesheet as built from assets/ (see
// internal/assetbuild).
//
//go:embed dist
var distFS embed.FS

// adminAssets are the built files, served under /admin/analytics/assets.
var adminAssets = web.MustLoadAssets(web.Sub(distFS, "dist"), "/admin/analytics/assets")

// analyticsPages are the dashboard's template, read once.
type analyticsPages struct {
	tmpl *template.Template
}

func mustLoadAnalyticsPages() *analyticsPages {
	return &analyticsPages{
		tmpl: template.Must(template.ParseFS(analyticsFS, "templates/dashboard.html", "templates/top.html")),
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
		CSS: adminAssets.URL("analytics.css"), t: a.web.Texts().T,
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
