package assetbuild_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/los-bot/los/internal/assetbuild"
)

// TestCommittedBundlesAreCurrent fails when a dist directory is not what
// its sources build: someone changed a script or stylesheet and did not
// run go generate.
func TestCommittedBundlesAreCurrent(t *testing.T) {
	root, err := assetbuild.Root(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, app := range assetbuild.Apps {
		t.Run(app.Name, func(t *testing.T) {
			files, err := assetbuild.Build(root, app)
			if err != nil {
				t.Fatal(err)
			}
			diffs, err := assetbuild.Stale(filepath.Join(root, app.Dir, "dist"), files)
			if err != nil {
				t.Fatal(err)
			}
			if len(diffs) > 0 {
				t.Errorf("%s/dist is stale (%s): run go generate ./web/... and commit the result",
					app.Dir, strings.Join(diffs, ", "))
			}
		})
	}
}

// writeApp writes the sources of a test app under dir/app/assets.
func writeApp(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, "app", "assets", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var testApp = assetbuild.App{Name: "test", Dir: "app", Prefix: "/s", Bundles: []assetbuild.Bundle{
	{Name: "app.css", Entry: "app.css"},
	{Name: "app.js", Entry: "js/main.js", Links: map[string]string{"__CSS__": "app.css"}},
	{Name: "editor.js", Entry: "js/main.js", Module: true},
}}

var sources = map[string]string{
	"app.css":     "/* a comment */\nbody {\n  color: #ff0000;\n}\n",
	"js/main.js":  "import { api } from './api.js';\nimport './side.js';\nconst stylesheet = __CSS__;\nexport function unused() {}\napi(stylesheet);\n",
	"js/api.js":   "import { T } from './page.js';\nexport function api(longArgumentName) { return document.title = T + longArgumentName; }\n",
	"js/page.js":  "export const T = 'Los';\n",
	"js/side.js":  "document.body.dataset.side = 'yes';\n",
	"not-used.js": "this is not JavaScript",
}

func TestBuild(t *testing.T) {
	dir := t.TempDir()
	writeApp(t, dir, sources)
	files, err := assetbuild.Build(dir, testApp)
	if err != nil {
		t.Fatal(err)
	}
	var manifest map[string]string
	if err := json.Unmarshal(files[assetbuild.Manifest], &manifest); err != nil {
		t.Fatal(err)
	}
	hashed := regexp.MustCompile(`^(app|editor)\.[0-9a-f]{12}\.(js|css)$`)
	for logical, name := range manifest {
		if !hashed.MatchString(name) || files[name] == nil {
			t.Errorf("%s -> %s: not a hashed file of the build", logical, name)
		}
	}
	css, js, mod := string(files[manifest["app.css"]]), string(files[manifest["app.js"]]), string(files[manifest["editor.js"]])
	if strings.Contains(css, "comment") || strings.Contains(css, "\n  ") || !strings.Contains(css, "color:red") {
		t.Errorf("stylesheet not minified: %q", css)
	}
	// One classic script with every module in it, the stylesheet's hashed
	// URL filled in, identifiers shortened.
	for _, want := range []string{`"/s/` + manifest["app.css"] + `"`, "dataset.side", "Los"} {
		if !strings.Contains(js, want) {
			t.Errorf("app.js lacks %q: %s", want, js)
		}
	}
	for _, deny := range []string{"import", "longArgumentName", "__CSS__", "export"} {
		if strings.Contains(js, deny) {
			t.Errorf("app.js still has %q: %s", deny, js)
		}
	}
	if !strings.HasPrefix(js, "(()=>{") {
		t.Errorf("app.js is not a classic script run at once: %.40s", js)
	}
	if strings.Contains(mod, "import") || !strings.Contains(mod, "export") {
		t.Errorf("editor.js is not one ES module: %s", mod)
	}
	// The variants are the file compressed.
	br, err := io.ReadAll(brotli.NewReader(bytes.NewReader(files[manifest["app.js"]+".br"])))
	if err != nil || string(br) != js {
		t.Errorf("brotli variant: %v", err)
	}

	// A change to any module is a new name for the script, not for the
	// stylesheet.
	writeApp(t, dir, map[string]string{"js/page.js": "export const T = 'Los 2';\n"})
	changed, err := assetbuild.Build(dir, testApp)
	if err != nil {
		t.Fatal(err)
	}
	var after map[string]string
	json.Unmarshal(changed[assetbuild.Manifest], &after)
	if after["app.js"] == manifest["app.js"] || after["app.css"] != manifest["app.css"] {
		t.Errorf("after a change: %v, before %v", after, manifest)
	}
	// The same sources build the same files.
	again, err := assetbuild.Build(dir, testApp)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range changed {
		if !bytes.Equal(again[name], b) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name    string
		change  map[string]string
		app     func(assetbuild.App) assetbuild.App
		wantErr string
	}{
		{name: "a missing module", change: map[string]string{"js/api.js": "import { T } from './nope.js'; export const api = () => T;"}, wantErr: "./nope.js"},
		{name: "a package name", change: map[string]string{"js/page.js": "import x from 'lodash'; export const T = x;"}, wantErr: "lodash"},
		{name: "a syntax error", change: map[string]string{"js/side.js": "document.body.dataset.side = ;"}, wantErr: "side.js"},
		{name: "a link to a bundle built later", app: func(a assetbuild.App) assetbuild.App {
			a.Bundles = []assetbuild.Bundle{a.Bundles[1], a.Bundles[0]}
			return a
		}, wantErr: "app.css"},
		{name: "no entry", app: func(a assetbuild.App) assetbuild.App {
			a.Bundles = append([]assetbuild.Bundle(nil), a.Bundles...)
			a.Bundles[0].Entry = "missing.css"
			return a
		}, wantErr: "missing.css"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeApp(t, dir, sources)
			writeApp(t, dir, tt.change)
			app := testApp
			if tt.app != nil {
				app = tt.app(app)
			}
			_, err := assetbuild.Build(dir, app)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want one naming %q", err, tt.wantErr)
			}
		})
	}
}
