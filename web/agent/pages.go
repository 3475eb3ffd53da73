package agent

import (
	"bytes"
	"embed"
	"html/template"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/web"
)

//go:generate go run ../../internal/assetbuild/genassets agent

// agentFS holds the inbox's and the sign-in page's templates.
//
//go:embed templates
var agentFS embed.FS

// distFS holds their script and stylesheet as built from assets/ (see
// internal/assetbuild).
//
//go:embed dist
var distFS embed.FS

// agentAssets are the built files, served under /agent/assets.
var agentAssets = web.MustLoadAssets(web.Sub(distFS, "dist"), "/agent/assets")

// agentPages are the inbox's templates, read once.
type agentPages struct {
	tmpl map[string]*template.Template
}

func mustLoadAgentPages() *agentPages {
	p := &agentPages{tmpl: map[string]*template.Template{}}
	for _, name := range []string{"login.html", "inbox.html", "code.html", "totp.html"} {
		p.tmpl[name] = template.Must(template.ParseFS(agentFS, "templates/"+name, "templates/head.html"))
	}
	return p
}

// agentPage is what the inbox templates see.
type agentPage struct {
	Lang  los.Standard
	CSRF  string
	Email string
	Name  string // the display name customers see
	Error string
	Next  string
	// Heading names the sign-in page's title text, after where it leads
	// (login.heading.*): editors and admins are not signing in to the inbox.
	Heading  string
	Texts    map[string]string // for the script
	Outcomes []string
	// Categories and Statuses are what search filters by.
	Categories []los.Category
	Statuses   []los.Status

	t func(l los.Standard, key string, args ...any) string
}

// T returns a text in the page's standard.
func (p agentPage) T(key string, args ...any) string { return p.t(p.Lang, key, args...) }

// Asset returns the hashed URL of a static file.
func (p agentPage) Asset(name string) string { return agentAssets.URL(name) }

func (d *desk) page(c echo.Context) agentPage {
	return agentPage{Lang: web.RequestLang(c), Outcomes: los.AgentOutcomes, Categories: los.Categories,
		Statuses: []los.Status{los.StatusWaiting, los.StatusAgent, los.StatusOpen, los.StatusClosed}, t: d.web.Texts().T}
}

func (d *desk) render(c echo.Context, status int, name string, p agentPage) error {
	var buf bytes.Buffer
	if err := d.pages.tmpl[name].Execute(&buf, p); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.HTMLBlob(status, buf.Bytes())
}
