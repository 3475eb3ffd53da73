package web

import (
	"embed"
	"io/fs"
)

//go:embed templates/langs.html
var templateFS embed.FS

// Templates are the templates the applications share: langs.html, the
// language switch of the customer pages and the editor.
var Templates = mustSub(templateFS, "templates")

func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err)
	}
	return sub
}
