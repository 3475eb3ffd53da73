package agent

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/web"
)

// agentFS holds the inbox's templates and its script and stylesheet.
//
//go:embed templates
var agentFS embed.FS

// agentPages are the inbox's templates and static files, read once.
type agentPages struct {
	tmpl   map[string]*template.Template
	assets map[string]agentAsset
}

type agentAsset struct {
	body        []byte
	contentType string
	version     string
}

func mustLoadAgentPages() *agentPages {
	p := &agentPages{tmpl: map[string]*template.Template{}, assets: map[string]agentAsset{}}
	for _, name := range []string{"login.html", "inbox.html"} {
		p.tmpl[name] = template.Must(template.ParseFS(agentFS, "templates/"+name))
	}
	files, err := fs.Glob(agentFS, "templates/*.[jc]s*")
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		b, err := agentFS.ReadFile(f)
		if err != nil {
			panic(err)
		}
		ct := "text/css; charset=utf-8"
		if path.Ext(f) == ".js" {
			ct = "text/javascript; charset=utf-8"
		}
		h := sha256.Sum256(b)
		p.assets[path.Base(f)] = agentAsset{body: b, contentType: ct, version: hex.EncodeToString(h[:6])}
	}
	return p
}

// agentPage is what the inbox templates see.
type agentPage struct {
	Lang     los.Standard
	CSRF     string
	Email    string
	Error    string
	Next     string
	Texts    map[string]string // for the script
	Outcomes []string

	t      func(l los.Standard, key string, args ...any) string
	assets map[string]agentAsset
}

// T returns a text in the page's standard.
func (p agentPage) T(key string, args ...any) string { return p.t(p.Lang, key, args...) }

// Asset returns the versioned URL of a static file.
func (p agentPage) Asset(name string) string {
	return "/agent/assets/" + name + "?v=" + p.assets[name].version
}

func (d *desk) page(c echo.Context) agentPage {
	return agentPage{Lang: web.RequestLang(c), Outcomes: los.AgentOutcomes, t: d.web.Texts().T, assets: d.pages.assets}
}

func (d *desk) render(c echo.Context, status int, name string, p agentPage) error {
	var buf bytes.Buffer
	if err := d.pages.tmpl[name].Execute(&buf, p); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.HTMLBlob(status, buf.Bytes())
}

// asset serves /agent/assets/NAME; the versioned URL may be cached for
// good.
func (d *desk) asset(c echo.Context) error {
	a, ok := d.pages.assets[c.Param("name")]
	if !ok {
		return echo.ErrNotFound
	}
	cache := "no-cache"
	if c.QueryParam("v") == a.version {
		cache = "public, max-age=31536000, immutable"
	}
	c.Response().Header().Set(echo.HeaderCacheControl, cache)
	c.Response().Header().Set("ETag", `"`+a.version+`"`)
	if strings.Contains(c.Request().Header.Get("If-None-Match"), `"`+a.version+`"`) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, a.contentType, a.body)
}
