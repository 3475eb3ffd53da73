package web

import (
	"io/fs"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/apispec"
)

// openAPI serves the API contract.
func (s *Server) openAPI(c echo.Context) error {
	c.Response().Header().Set(echo.HeaderCacheControl, "no-cache")
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, apispec.JSON)
}

// apiDocs serves the page that renders the contract for people.
func (s *Server) apiDocs(c echo.Context) error {
	b, err := fs.ReadFile(apispec.Docs(), "docs.html")
	if err != nil {
		return err
	}
	return c.HTMLBlob(http.StatusOK, b)
}

var docsAssetTypes = map[string]string{"docs.js": "text/javascript; charset=utf-8", "docs.css": "text/css; charset=utf-8"}

func (s *Server) apiDocsAsset(c echo.Context) error {
	name := c.Param("name")
	typ, ok := docsAssetTypes[name]
	if !ok {
		return los.Errorf(los.ENOTFOUND, "no asset %q", name)
	}
	b, err := fs.ReadFile(apispec.Docs(), name)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "public, max-age=300")
	return c.Blob(http.StatusOK, typ, b)
}
