package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
)

// Asset is one embedded static file with its content hash.
type Asset struct {
	Body        []byte
	ContentType string
	Version     string // first hex digits of the SHA-256 of Body
}

// NewAsset is the file name with content body, its type from the name.
func NewAsset(name string, body []byte) *Asset {
	ct := mime.TypeByExtension(path.Ext(name))
	switch path.Ext(name) {
	case ".js":
		ct = "text/javascript; charset=utf-8"
	case ".css":
		ct = "text/css; charset=utf-8"
	case ".svg":
		ct = "image/svg+xml"
	}
	return &Asset{Body: body, ContentType: ct, Version: Hash(body)}
}

// Assets are static files by name.
type Assets map[string]*Asset

// URL returns the versioned URL of a static file served under prefix:
// PREFIX/NAME?v=HASH.
func (as Assets) URL(prefix, name string) string {
	a := as[name]
	if a == nil {
		return prefix + "/" + name
	}
	return prefix + "/" + name + "?v=" + a.Version
}

// Hash is the version of content b.
func Hash(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:6])
}

// ServeAssets serves the asset named by the route's param (":name", or
// "*" for a path) from assets; any other name is not found. A request
// naming the current version may be cached for a year; any other
// revalidates with the ETag.
func ServeAssets(assets Assets, param string) echo.HandlerFunc {
	return func(c echo.Context) error {
		a := assets[c.Param(param)]
		if a == nil {
			return echo.ErrNotFound
		}
		maxAge := "no-cache"
		if c.QueryParam("v") == a.Version {
			maxAge = "public, max-age=31536000, immutable"
		}
		return ServeAsset(c, a, maxAge)
	}
}

// ServeAsset serves a with the given Cache-Control and its ETag.
func ServeAsset(c echo.Context, a *Asset, cacheControl string) error {
	h := c.Response().Header()
	etag := `"` + a.Version + `"`
	h.Set(echo.HeaderCacheControl, cacheControl)
	h.Set("ETag", etag)
	h.Set(echo.HeaderContentType, a.ContentType)
	if match := c.Request().Header.Get("If-None-Match"); match != "" && etagMatches(match, etag) {
		return c.NoContent(http.StatusNotModified)
	}
	if c.Request().Method == http.MethodHead {
		h.Set(echo.HeaderContentLength, fmt.Sprint(len(a.Body)))
		return c.NoContent(http.StatusOK)
	}
	return c.Blob(http.StatusOK, a.ContentType, a.Body)
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
