// Package apispec holds Los's API contract, an OpenAPI 3.1 document
// maintained by hand in openapi.json, and the page that renders it for
// people (/api/docs): plain HTML, a script and a style sheet, served from
// Los itself, with nothing from elsewhere.
//
// Tests in package web fail when a route under /api/v1 has no entry here
// and when a response does not validate against its schema.
package apispec

import (
	"embed"
	"io/fs"
)

//go:embed openapi.json
var JSON []byte

//go:embed docs.html docs.js docs.css
var docs embed.FS

// Docs returns the documentation page's files: docs.html, docs.js and
// docs.css.
func Docs() fs.FS { return docs }
