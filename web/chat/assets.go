package chat

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los/web"
)

// pageFS holds the customer side's templates and static files.
//
//go:embed static templates
var pageFS embed.FS

// cssVersionMark in chat.js is replaced by chat.css's version when the
// assets load, so the widget's shadow root links the stylesheet that
// belongs to it.
const cssVersionMark = "__LOS_CSS_VERSION__"

// staticAssets are read and hashed once; they never change at run time.
var staticAssets = mustLoadAssets()

func mustLoadAssets() web.Assets {
	as, err := loadAssets()
	if err != nil {
		panic(err)
	}
	return as
}

// loadAssets reads static/ and hashes every file. chat.css is read before
// chat.js, which names its version.
func loadAssets() (web.Assets, error) {
	out := web.Assets{}
	names, err := fs.Glob(pageFS, "static/*")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		b, err := pageFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out[path.Base(name)] = web.NewAsset(name, b)
	}
	css, js := out["chat.css"], out["chat.js"]
	if css == nil || js == nil {
		return nil, fmt.Errorf("static: chat.js and chat.css are required")
	}
	out["chat.js"] = web.NewAsset("chat.js", bytes.ReplaceAll(js.Body, []byte(cssVersionMark), []byte(css.Version)))
	return out, nil
}

// widget serves /widget.js: the chat script, under a stable URL that
// sites embed, so it is cached briefly and revalidated.
func (p *pages) widget(c echo.Context) error {
	return web.ServeAsset(c, staticAssets["chat.js"], "public, max-age=300")
}
