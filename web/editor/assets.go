package editor

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/los-bot/los/web"
)

// The editor's static files, served under /editor/static/: its stylesheet
// static/editor.css and its script, the ES modules in static/editor/ that
// static/editor/main.js imports. They are keyed by their path under
// static/ ("editor.css", "editor/main.js"); nothing outside that map is
// served, so no path can reach beyond it.
var editorAssets = mustLoadEditorAssets()

// editorImport finds a module's static imports, which start a line:
// import … from "SPEC" and import "SPEC", over lines if need be. Each SPEC
// must be "./NAME.js", a module beside it.
var editorImport = regexp.MustCompile(`(?m)^(import\b)([^"';]*)(["'])([^"']*)(["'])`)

func mustLoadEditorAssets() web.Assets {
	as, err := loadEditorAssets(editorFS)
	if err != nil {
		panic(err)
	}
	return as
}

// loadEditorAssets reads the stylesheet and the modules. All modules share
// one version, the hash of them all, and it is written into every
// relative import ("./api.js" becomes "./api.js?v=VERSION"): a change to
// any module changes every module's URL, so a browser never mixes old and
// new modules and can cache each for good, and each module has one URL,
// so it is loaded once.
func loadEditorAssets(fsys fs.FS) (web.Assets, error) {
	out := web.Assets{}
	css, err := fs.ReadFile(fsys, "static/editor.css")
	if err != nil {
		return nil, err
	}
	out["editor.css"] = web.NewAsset("editor.css", css)

	names, err := fs.Glob(fsys, "static/editor/*.js")
	if err != nil {
		return nil, err
	}
	if !slices.Contains(names, "static/editor/main.js") {
		return nil, fmt.Errorf("static/editor: main.js is missing")
	}
	all := sha256.New()
	mods := map[string][]byte{}
	for _, name := range names { // sorted
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		mods[path.Base(name)] = b
		fmt.Fprintf(all, "%s\x00%d\x00", path.Base(name), len(b))
		all.Write(b)
	}
	version := hex.EncodeToString(all.Sum(nil)[:6])
	for name, b := range mods {
		var missing []string
		b = editorImport.ReplaceAllFunc(b, func(m []byte) []byte {
			sub := editorImport.FindSubmatch(m)
			spec := string(sub[4])
			if !strings.HasPrefix(spec, "./") || mods[spec[2:]] == nil {
				missing = append(missing, spec)
				return m
			}
			return fmt.Appendf(nil, "%s%s%s%s?v=%s%s", sub[1], sub[2], sub[3], spec, version, sub[5])
		})
		if len(missing) > 0 {
			return nil, fmt.Errorf("static/editor/%s imports %s: import only ./NAME.js from static/editor", name, strings.Join(missing, ", "))
		}
		out["editor/"+name] = &web.Asset{Body: b, ContentType: "text/javascript; charset=utf-8", Version: version}
	}
	return out, nil
}

// Asset returns the versioned URL of one of the editor's static files.
func (p editorPage) Asset(name string) string {
	return editorAssets.URL("/editor/static", name)
}
