package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
)

// pageFS holds the customer side's files; other parts of web/ embed
// their own.
//
//go:embed static/chat.js static/chat.css static/site.css static/icon.svg templates/*.html
var pageFS embed.FS

// cssVersionMark in chat.js is replaced by chat.css's version when the
// assets load, so the widget's shadow root links the stylesheet that
// belongs to it.
const cssVersionMark = "__LOS_CSS_VERSION__"

// asset is one embedded static file with its content hash.
type asset struct {
	body        []byte
	contentType string
	version     string // first hex digits of the SHA-256 of body
}

// assets are the files under static/, by name.
type assets map[string]*asset

// staticAssets are read and hashed once; they never change at run time.
var staticAssets = mustLoadAssets()

func mustLoadAssets() assets {
	as, err := loadAssets()
	if err != nil {
		panic(err)
	}
	return as
}

// loadAssets reads static/ and hashes every file. chat.css is read before
// chat.js, which names its version.
func loadAssets() (assets, error) {
	out := assets{}
	names, err := fs.Glob(pageFS, "static/*")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		b, err := pageFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		base := path.Base(name)
		ct := mime.TypeByExtension(path.Ext(base))
		switch path.Ext(base) {
		case ".js":
			ct = "text/javascript; charset=utf-8"
		case ".css":
			ct = "text/css; charset=utf-8"
		case ".svg":
			ct = "image/svg+xml"
		}
		out[base] = &asset{body: b, contentType: ct}
	}
	css, js := out["chat.css"], out["chat.js"]
	if css == nil || js == nil {
		return nil, fmt.Errorf("static: chat.js and chat.css are required")
	}
	css.version = hashOf(css.body)
	js.body = bytes.ReplaceAll(js.body, []byte(cssVersionMark), []byte(css.version))
	for _, a := range out {
		a.version = hashOf(a.body)
	}
	return out, nil
}

func hashOf(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:6])
}

// url returns the versioned URL of a static file: /static/NAME?v=HASH.
func (as assets) url(name string) string {
	a := as[name]
	if a == nil {
		return "/static/" + name
	}
	return "/static/" + name + "?v=" + a.version
}

// serveAssets serves the asset named by the route's param (":name", or
// "*" for a path) from assets; any other name is not found. A request
// naming the current version may be cached for a year; any other
// revalidates with the ETag.
func serveAssets(assets map[string]*asset, param string) echo.HandlerFunc {
	return func(c echo.Context) error {
		a := assets[c.Param(param)]
		if a == nil {
			return echo.ErrNotFound
		}
		maxAge := "no-cache"
		if c.QueryParam("v") == a.version {
			maxAge = "public, max-age=31536000, immutable"
		}
		return serveAsset(c, a, maxAge)
	}
}

// serveWidget serves /widget.js: the chat script, under a stable URL that
// sites embed, so it is cached briefly and revalidated.
func (s *Server) serveWidget(c echo.Context) error {
	return serveAsset(c, staticAssets["chat.js"], "public, max-age=300")
}

func serveAsset(c echo.Context, a *asset, cacheControl string) error {
	h := c.Response().Header()
	etag := `"` + a.version + `"`
	h.Set(echo.HeaderCacheControl, cacheControl)
	h.Set("ETag", etag)
	h.Set(echo.HeaderContentType, a.contentType)
	if match := c.Request().Header.Get("If-None-Match"); match != "" && etagMatches(match, etag) {
		return c.NoContent(http.StatusNotModified)
	}
	if c.Request().Method == http.MethodHead {
		h.Set(echo.HeaderContentLength, fmt.Sprint(len(a.body)))
		return c.NoContent(http.StatusOK)
	}
	return c.Blob(http.StatusOK, a.contentType, a.body)
}

func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}
