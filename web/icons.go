package web

import (
	_ "embed"
	"net/http"

	"github.com/labstack/echo/v4"
)

// The site's icon: an SVG for browsers that take one (pages link it), and
// /favicon.ico (16, 32 and 48 px, PNG inside) for those that ask for it
// whatever the page says.
var (
	//go:embed icons/favicon.ico
	faviconICO []byte
	//go:embed icons/favicon.svg
	faviconSVG []byte
)

// FaviconSVG is the path of the SVG icon, for pages to link.
const FaviconSVG = "/favicon.svg"

func icon(contentType string, b []byte) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set(echo.HeaderCacheControl, "public, max-age=86400")
		return c.Blob(http.StatusOK, contentType, b)
	}
}
