package chat

import (
	"embed"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los/web"
)

//go:generate go run ../../internal/assetbuild/genassets chat

// pageFS holds the customer pages' templates.
//
//go:embed templates
var pageFS embed.FS

// distFS holds the chat's front end as built from assets/ (the widget,
// its stylesheet, the help centre's): see internal/assetbuild.
//
//go:embed dist
var distFS embed.FS

// staticAssets are the built files, served under /static.
var staticAssets = web.MustLoadAssets(web.Sub(distFS, "dist"), "/static")

// widget serves /widget.js: the chat script, under the stable URL that
// sites embed, so it is cached briefly and revalidated. The script links
// its stylesheet by hashed name.
func (p *pages) widget(c echo.Context) error {
	return web.ServeAsset(c, staticAssets.Get("chat.js"), "public, max-age=300")
}
