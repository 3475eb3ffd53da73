package editor

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadEditorAssets(t *testing.T) {
	base := fstest.MapFS{
		"static/editor.css":     {Data: []byte("body {}")},
		"static/editor/main.js": {Data: []byte("import {\n  api,\n} from \"./api.js\";\nimport './side.js';\napi($(\"from\"), \"import\");\n")},
		"static/editor/api.js":  {Data: []byte(`import {T} from"./page.js"; export function api() { return T; }`)},
		"static/editor/page.js": {Data: []byte(`export const T = 1;`)},
		"static/editor/side.js": {Data: []byte(`document.title = "x";`)},
	}
	with := func(name, body string) fstest.MapFS {
		fs := fstest.MapFS{}
		for k, v := range base {
			fs[k] = v
		}
		if body == "" {
			delete(fs, name)
		} else {
			fs[name] = &fstest.MapFile{Data: []byte(body)}
		}
		return fs
	}
	tests := []struct {
		name    string
		fs      fstest.MapFS
		wantErr string
	}{
		{name: "modules", fs: base},
		{name: "a missing module", fs: with("static/editor/page.js", ""), wantErr: "./page.js"},
		{name: "no main.js", fs: with("static/editor/main.js", ""), wantErr: "main.js is missing"},
		{name: "a package name", fs: with("static/editor/page.js", `import x from "lodash";`), wantErr: "lodash"},
		{name: "out of the directory", fs: with("static/editor/page.js", `import "../chat.js";`), wantErr: "../chat.js"},
		{name: "a subdirectory", fs: with("static/editor/page.js", `import "./sub/x.js";`), wantErr: "./sub/x.js"},
		{name: "no stylesheet", fs: with("static/editor.css", ""), wantErr: "editor.css"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as, err := loadEditorAssets(tt.fs)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one naming %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			v := as["editor/main.js"].Version
			wantMain := "import {\n  api,\n} from \"./api.js?v=" + v + "\";\nimport './side.js?v=" + v + "';\napi($(\"from\"), \"import\");\n"
			if got := string(as["editor/main.js"].Body); got != wantMain {
				t.Errorf("main.js\n got %q\nwant %q", got, wantMain)
			}
			if got := string(as["editor/api.js"].Body); !strings.Contains(got, `from"./page.js?v=`+v+`"`) {
				t.Errorf("api.js: %q", got)
			}
			for name, a := range as {
				if strings.HasSuffix(name, ".js") && (a.Version != v || a.ContentType != "text/javascript; charset=utf-8") {
					t.Errorf("%s: version %q (main.js %q), type %q", name, a.Version, v, a.ContentType)
				}
			}
			if len(as) != 5 || as["editor.css"] == nil || as["editor.css"].Version == v {
				t.Errorf("assets %v", as)
			}
			// Any module's change is a new version for all.
			changed, err := loadEditorAssets(with("static/editor/page.js", `export const T = 2;`))
			if err != nil {
				t.Fatal(err)
			}
			if changed["editor/main.js"].Version == v || changed["editor.css"].Version != as["editor.css"].Version {
				t.Errorf("after a change: main.js %s (was %s), css %s", changed["editor/main.js"].Version, v, changed["editor.css"].Version)
			}
		})
	}
}
