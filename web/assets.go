package web

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// Assets are an application's built front end (internal/assetbuild, run by
// go generate): minified bundles, each under a content-hashed name with
// its gzip and brotli variants, and a manifest from the names pages ask
// for to the hashed ones.
type Assets struct {
	prefix  string
	hashed  map[string]*Asset // by hashed name
	logical map[string]*Asset // by the name pages ask for
}

// Asset is one built file.
type Asset struct {
	Name        string // the hashed name, e.g. chat.0123456789ab.js
	ContentType string
	Body        []byte
	// Brotli and Gzip are Body compressed, when that is smaller; nil
	// otherwise.
	Brotli, Gzip []byte
	version      string // the hash in Name
}

// LoadAssets reads a dist directory (its manifest and files) served under
// prefix.
func LoadAssets(fsys fs.FS, prefix string) (*Assets, error) {
	m, err := fs.ReadFile(fsys, "manifest.json")
	if err != nil {
		return nil, fmt.Errorf("assets: %w (run go generate ./web/...)", err)
	}
	var manifest map[string]string
	if err := json.Unmarshal(m, &manifest); err != nil {
		return nil, fmt.Errorf("assets: manifest.json: %w", err)
	}
	as := &Assets{prefix: prefix, hashed: map[string]*Asset{}, logical: map[string]*Asset{}}
	for logical, name := range manifest {
		a := &Asset{Name: name, ContentType: contentType(name)}
		if a.Body, err = fs.ReadFile(fsys, name); err != nil {
			return nil, fmt.Errorf("assets: %w", err)
		}
		a.Brotli, _ = fs.ReadFile(fsys, name+".br")
		a.Gzip, _ = fs.ReadFile(fsys, name+".gz")
		a.version = strings.TrimPrefix(path.Ext(strings.TrimSuffix(name, path.Ext(name))), ".")
		as.hashed[name] = a
		as.logical[logical] = a
	}
	return as, nil
}

// MustLoadAssets is LoadAssets for embedded files, which cannot fail but
// by a build mistake.
func MustLoadAssets(fsys fs.FS, prefix string) *Assets {
	as, err := LoadAssets(fsys, prefix)
	if err != nil {
		panic(err)
	}
	return as
}

// Sub is fsys's directory dir, for embedded dist directories.
func Sub(fsys fs.FS, dir string) fs.FS { return mustSub(fsys, dir) }

func contentType(name string) string {
	switch path.Ext(name) {
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	}
	return mime.TypeByExtension(path.Ext(name))
}

// URL returns the hashed URL of the file pages know as name.
func (as *Assets) URL(name string) string {
	if a := as.logical[name]; a != nil {
		return as.prefix + "/" + a.Name
	}
	return as.prefix + "/" + name
}

// Get returns the file pages know as name, or nil.
func (as *Assets) Get(name string) *Asset { return as.logical[name] }

// Handler serves the file named by the route's param: by its hashed name,
// cached for a year and never revalidated (a change makes a new name); by
// the name pages know it by, revalidated with its ETag each time. Any
// other name is not found.
func (as *Assets) Handler(param string) echo.HandlerFunc {
	return func(c echo.Context) error {
		name := c.Param(param)
		if a := as.hashed[name]; a != nil {
			return ServeAsset(c, a, "public, max-age=31536000, immutable")
		}
		if a := as.logical[name]; a != nil {
			return ServeAsset(c, a, "no-cache")
		}
		return echo.ErrNotFound
	}
}

// ServeAsset serves a with the given Cache-Control: brotli or gzip when the
// client accepts it, with an ETag per encoding.
func ServeAsset(c echo.Context, a *Asset, cacheControl string) error {
	body, encoding := a.Body, ""
	accept := c.Request().Header.Get(echo.HeaderAcceptEncoding)
	switch {
	case a.Brotli != nil && accepts(accept, "br"):
		body, encoding = a.Brotli, "br"
	case a.Gzip != nil && accepts(accept, "gzip"):
		body, encoding = a.Gzip, "gzip"
	}
	h := c.Response().Header()
	h.Set(echo.HeaderCacheControl, cacheControl)
	h.Set(echo.HeaderContentType, a.ContentType)
	if a.Brotli != nil || a.Gzip != nil {
		h.Add(echo.HeaderVary, echo.HeaderAcceptEncoding)
	}
	etag := `"` + a.version + `"`
	if encoding != "" {
		etag = `"` + a.version + "-" + encoding + `"`
		h.Set(echo.HeaderContentEncoding, encoding)
	}
	h.Set("ETag", etag)
	if match := c.Request().Header.Get("If-None-Match"); match != "" && etagMatches(match, a.version) {
		h.Del(echo.HeaderContentEncoding)
		return c.NoContent(http.StatusNotModified)
	}
	h.Set(echo.HeaderContentLength, strconv.Itoa(len(body)))
	if c.Request().Method == http.MethodHead {
		return c.NoContent(http.StatusOK)
	}
	return c.Blob(http.StatusOK, a.ContentType, body)
}

// accepts reports whether an Accept-Encoding header accepts coding (a
// q-value of 0 refuses it).
func accepts(header, coding string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) {
			continue
		}
		q := strings.TrimSpace(params)
		if v, ok := strings.CutPrefix(q, "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil && f == 0 {
				return false
			}
		}
		return true
	}
	return false
}

// etagMatches reports whether an If-None-Match header names version, in
// any encoding, or is "*".
func etagMatches(header, version string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.Trim(strings.TrimPrefix(strings.TrimSpace(t), "W/"), `"`)
		if t == "*" || t == version || strings.HasPrefix(t, version+"-") {
			return true
		}
	}
	return false
}
