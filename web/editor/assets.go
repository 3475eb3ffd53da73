package editor

import (
	"embed"

	"github.com/los-bot/los/web"
)

//go:generate go run ../../internal/assetbuild/genassets editor

// distFS holds the editor's front end as built from assets/: its
// stylesheet and its script, the ES modules under assets/editor/ bundled
// from main.js into one module (see internal/assetbuild).
//
//go:embed dist
var distFS embed.FS

// editorAssets are the built files, served under /editor/static/.
var editorAssets = web.MustLoadAssets(web.Sub(distFS, "dist"), "/editor/static")

// Asset returns the hashed URL of one of the editor's static files.
func (p editorPage) Asset(name string) string { return editorAssets.URL(name) }
