package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestEditorStatic checks the editor page's script, its ES modules
// bundled into one module under a content-hashed name, and what else
// /editor/static/ serves.
func TestEditorStatic(t *testing.T) {
	e := newEditorEnv(t)
	eva := e.signIn(t, "eva@example.no")
	resp, page := eva.raw("GET", "/editor", "", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/editor: %d", resp.StatusCode)
	}
	main := regexp.MustCompile(`<script type="module" src="(/editor/static/editor\.[0-9a-f]{12}\.js)"></script>`).FindStringSubmatch(string(page))
	if main == nil {
		t.Fatalf("no module script in the page:\n%s", page)
	}
	css := regexp.MustCompile(`<link rel="stylesheet" href="(/editor/static/editor\.[0-9a-f]{12}\.css)">`).FindStringSubmatch(string(page))
	if css == nil {
		t.Fatal("no content-hashed stylesheet in the page")
	}
	for _, u := range []string{main[1], css[1]} {
		resp, body := getPage(t, e.srv.URL+u)
		if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") || len(body) == 0 {
			t.Errorf("%s: %d %q", u, resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
	}
	resp, script := getPage(t, e.srv.URL+main[1])
	if resp.Header.Get("Content-Type") != "text/javascript; charset=utf-8" {
		t.Errorf("script type %q", resp.Header.Get("Content-Type"))
	}
	// One bundle: every module is in it, none is fetched.
	if regexp.MustCompile(`(^|[;}\n])import\b|from"\./`).MatchString(script) {
		t.Errorf("the bundle still imports modules:\n%.300s", script)
	}
	for _, view := range []string{"viewArticles", "viewBin", "viewEdit", "viewGaps", "viewHistory"} {
		if strings.Contains(script, view) {
			t.Errorf("the bundle is not minified: %s", view)
		}
	}
	if len(script) < 5000 {
		t.Errorf("the bundle is %d bytes: are the modules in it?", len(script))
	}

	tests := []struct {
		name, path, cache string
		status            int
	}{
		{name: "script by its plain name", path: "/editor/static/editor.js", cache: "no-cache", status: 200},
		{name: "a query is no version", path: "/editor/static/editor.js?v=0000", cache: "no-cache", status: 200},
		{name: "a module on its own", path: "/editor/static/editor/api.js", status: 404},
		{name: "a module by name", path: "/editor/static/api.js", status: 404},
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
