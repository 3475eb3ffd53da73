package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestEditorStatic follows the editor page's module script through every
// import, as a browser would, then checks what else /editor/static/ serves.
func TestEditorStatic(t *testing.T) {
	e := newEditorEnv(t)
	eva := e.signIn(t, "eva@example.no")
	resp, page := eva.raw("GET", "/editor", "", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/editor: %d", resp.StatusCode)
	}
	main := regexp.MustCompile(`<script type="module" src="(/editor/static/editor/main\.js\?v=([0-9a-f]+))"></script>`).FindStringSubmatch(string(page))
	if main == nil {
		t.Fatalf("no module script in the page:\n%s", page)
	}
	if !regexp.MustCompile(`<link rel="stylesheet" href="/editor/static/editor\.css\?v=[0-9a-f]+">`).Match(page) {
		t.Error("no versioned stylesheet in the page")
	}
	version := main[2]
	imports := regexp.MustCompile(`(?m)^import\b[^"';]*"([^"]*)"`)
	seen := map[string]bool{}
	queue := []string{main[1]}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if seen[u] {
			continue
		}
		seen[u] = true
		resp, body := getPage(t, e.srv.URL+u)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/javascript; charset=utf-8" ||
			!strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("%s: %d %q %q", u, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
			continue
		}
		for _, m := range imports.FindAllStringSubmatch(body, -1) {
			spec := m[1]
			if !regexp.MustCompile(`^\./[a-z]+\.js\?v=` + version + `$`).MatchString(spec) {
				t.Errorf("%s imports %q, want ./NAME.js?v=%s", u, spec, version)
				continue
			}
			queue = append(queue, "/editor/static/editor/"+spec[2:])
		}
	}
	if len(seen) < 10 {
		t.Errorf("the modules reach %d files: %v", len(seen), seen)
	}

	tests := []struct {
		name, path, cache string
		status            int
	}{
		{name: "module without version", path: "/editor/static/editor/api.js", cache: "no-cache", status: 200},
		{name: "stale version", path: "/editor/static/editor/main.js?v=0000", cache: "no-cache", status: 200},
		{name: "old single script", path: "/editor/static/editor.js", status: 404},
		{name: "directory", path: "/editor/static/editor/", status: 404},
		{name: "directory without slash", path: "/editor/static/editor", status: 404},
		{name: "nothing", path: "/editor/static/", status: 404},
		{name: "dot dot", path: "/editor/static/editor/../../editor.go", status: 404},
		{name: "escaped dot dot", path: "/editor/static/editor/..%2F..%2Feditor.go", status: 404},
		{name: "escaped slash", path: "/editor/static/editor%2Fmain.js", status: 404},
		{name: "template", path: "/editor/static/../templates/editor/layout.html", status: 404},
		{name: "help-centre asset", path: "/editor/static/chat.js", status: 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, _ := getPage(t, e.srv.URL+tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.status != 200 {
				return
			}
			if got := resp.Header.Get("Cache-Control"); got != tt.cache {
				t.Errorf("Cache-Control %q, want %q", got, tt.cache)
			}
			again, _ := getPage(t, e.srv.URL+tt.path, "If-None-Match", resp.Header.Get("ETag"))
			if again.StatusCode != http.StatusNotModified {
				t.Errorf("revalidation gave %d", again.StatusCode)
			}
		})
	}
}

// TestEditorLanguageSwitch: the editor shares the help centre's language
// switch, which keeps the page's other parameters (a search, say).
func TestEditorLanguageSwitch(t *testing.T) {
	e := newEditorEnv(t)
	eva := e.signIn(t, "eva@example.no")
	resp, page := eva.raw("GET", "/editor?q=faktura&lang=nn", "", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/editor: %d", resp.StatusCode)
	}
	for _, want := range []string{
		`<nav class="langs" aria-label="Språk">`,
		`<a href="/editor?lang=en&amp;q=faktura" lang="en" hreflang="en">Engelsk</a>`,
		`<a href="/editor?lang=nn&amp;q=faktura" lang="nn" hreflang="nn" aria-current="true">Nynorsk</a>`,
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the language switch lacks %s", want)
		}
	}
}
