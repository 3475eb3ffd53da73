package web_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/locales"
)

const siteOrigin = "http://butikk.test"

// newPageServer serves Los with the demo knowledge base plus extra
// articles, in a real store and a real index, and no model.
func newPageServer(t *testing.T, extra ...kb.Article) *httptest.Server {
	t.Helper()
	return newTestStack(t, stackOptions{extra: extra, deps: func(d *siteDeps) {
		d.WidgetOrigins = []string{siteOrigin}
		d.RatePerIP, d.RatePerConversation = 0, 0 // the defaults, as served
	}}).srv
}

func getPage(t *testing.T, url string, hdr ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

func TestPages(t *testing.T) {
	draft := kb.Article{Slug: "hemmelig-utkast", Title: "Utkast", Body: "Ikke publisert ennå.", Lang: "nb"}
	srv := newPageServer(t, draft)
	tests := []struct {
		name, path, acceptLang string
		status                 int
		lang                   string
		want, deny             []string
		assets                 []string // linked by their content-hashed names
	}{
		{name: "chat nb by default", path: "/", status: 200, lang: "nb",
			want:   []string{`data-mode="inline"`, `id="los-chat"`, "Snakk med et menneske", "KI-assistent"},
			assets: []string{"chat.js", "chat.css"}},
		{name: "chat nn by query", path: "/?lang=nn", status: 200, lang: "nn",
			want: []string{"Snakk med eit menneske", "Hjelpesider", `href="/artikler?lang=nn"`}},
		{name: "chat en by Accept-Language", path: "/", acceptLang: "en-GB,en;q=0.8", status: 200, lang: "en",
			want: []string{"Talk to a person", "AI assistant", "Help centre"}},
		{name: "Accept-Language no-NO is nb", path: "/", acceptLang: "no-NO", status: 200, lang: "nb",
			want: []string{"Kundeservice"}},
		{name: "index lists articles grouped by standard", path: "/artikler", status: 200, lang: "nb",
			want: []string{`href="/artikler/endre-fakturaadresse"`, "Artikler på bokmål", "Artiklar på nynorsk", `role="search"`}},
		{name: "index in nn", path: "/artikler?lang=nn", status: 200, lang: "nn",
			want: []string{"Søk i hjelpesidene", `<input type="hidden" name="lang" value="nn">`}},
		{name: "search finds the article", path: "/artikler?q=fakturaadresse", status: 200, lang: "nb",
			want: []string{"Treff for «fakturaadresse»", `/artikler/endre-fakturaadresse`, `href="/artikler?lang=nn&amp;q=fakturaadresse"`},
			deny: []string{"**", "](/artikler"}},
		{name: "search without hits", path: "/artikler?q=zzxqv", status: 200, lang: "nb",
			want: []string{"Fant ingen artikler for «zzxqv»"}},
		{name: "article", path: "/artikler/endre-fakturaadresse", status: 200, lang: "nb",
			want: []string{"<h1>Endre fakturaadresse</h1>", `<article class="kb" lang="nb">`, "<strong>Faktura &gt; Fakturaadresse</strong>",
				`id="slik-endrer-du-fakturaadressen-på-min-side"`, "Relaterte artikler"},
			assets: []string{"chat.js"}},
		{name: "article in en chrome", path: "/artikler/endre-fakturaadresse?lang=en", status: 200, lang: "en",
			want: []string{"Related articles", "Help centre"}},
		{name: "unknown slug", path: "/artikler/finnes-ikke", status: 404, lang: "nb", want: []string{"Fant ikke siden"}},
		{name: "invalid slug", path: "/artikler/..%2F..%2Fetc", status: 404, lang: "nb", want: []string{"Fant ikke siden"}},
		{name: "draft", path: "/artikler/hemmelig-utkast", status: 404, lang: "nb", want: []string{"Fant ikke siden"}},
		{name: "not found in nn", path: "/artikler/finnes-ikke?lang=nn", status: 404, lang: "nn", want: []string{"Fann ikkje sida"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := getPage(t, srv.URL+tt.path, "Accept-Language", tt.acceptLang)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d\n%s", resp.StatusCode, tt.status, body)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("Content-Type %q", ct)
			}
			if !strings.Contains(body, `<html lang="`+tt.lang+`">`) {
				t.Errorf("page is not in %s", tt.lang)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, d := range tt.deny {
				if strings.Contains(body, d) {
					t.Errorf("page has %q", d)
				}
			}
			for _, a := range tt.assets {
				name, ext, _ := strings.Cut(a, ".")
				if !regexp.MustCompile(`"/static/` + name + `\.[0-9a-f]{12}\.` + ext + `"`).MatchString(body) {
					t.Errorf("page does not link %s by its hashed name", a)
				}
			}
			if !strings.Contains(tt.path, "hemmelig-utkast") && strings.Contains(body, "hemmelig-utkast") {
				t.Error("page links to a draft")
			}
			// The CSP allows no inline script or style.
			if m := regexp.MustCompile(`<script(?:\s[^>]*)?>`).FindAllString(body, -1); len(m) > 0 {
				for _, tag := range m {
					if !strings.Contains(tag, " src=") {
						t.Errorf("inline script: %s", tag)
					}
				}
			}
			if strings.Contains(body, " style=") || strings.Contains(body, "<style") {
				t.Error("inline style")
			}
		})
	}
}

// Every section anchor the index (and so every citation and search hit)
// can link to exists as a heading id on the article page.
func TestArticleAnchors(t *testing.T) {
	srv := newPageServer(t)
	articles, err := kb.Demo()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range articles[:min(len(articles), 12)] {
		if !a.Published {
			continue
		}
		_, body := getPage(t, srv.URL+"/artikler/"+a.Slug)
		for _, s := range a.Sections() {
			if s.Anchor != "" && !strings.Contains(body, `id="`+s.Anchor+`"`) {
				t.Errorf("%s: no heading with id %q", a.Slug, s.Anchor)
			}
		}
	}
}

func TestArticleXSS(t *testing.T) {
	evil := kb.Article{
		Slug:  "farlig-artikkel",
		Title: `Faktura <script>alert("tittel")</script>`,
		Tags:  []string{`<img src=x onerror=alert(2)>`},
		Body: "Tekst <img src=x onerror=alert(1)> og <script>alert(3)</script>.\n\n" +
			"## Overskrift <svg onload=alert(4)>\n[klikk](javascript:alert(5)) og <a href=\"javascript:alert(6)\">lenke</a>\n\n" +
			"<iframe src=\"https://evil.example\"></iframe>\n\n[trygg](/artikler/fullmakt)",
		Lang: "nb", Published: true,
	}
	srv := newPageServer(t, evil)
	for _, path := range []string{"/artikler/farlig-artikkel", "/artikler?q=faktura", "/artikler"} {
		t.Run(path, func(t *testing.T) {
			resp, body := getPage(t, srv.URL+path)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			for _, bad := range []string{"<script>alert", "onerror=", "onload=", "javascript:", "<iframe", "<svg"} {
				if strings.Contains(strings.ToLower(body), bad) {
					t.Errorf("page contains %q", bad)
				}
			}
		})
	}
	_, body := getPage(t, srv.URL+"/artikler/farlig-artikkel")
	for _, want := range []string{"Faktura &lt;script&gt;", `href="/artikler/fullmakt"`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestAssets(t *testing.T) {
	srv := newPageServer(t)
	_, page := getPage(t, srv.URL+"/")
	urls := regexp.MustCompile(`/static/[a-z]+\.[0-9a-f]{12}\.[a-z]+`).FindAllString(page, -1)
	if len(urls) < 3 {
		t.Fatalf("page links %d content-hashed assets: %v", len(urls), urls)
	}
	for _, u := range urls {
		resp, body := getPage(t, srv.URL+u)
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") || len(body) == 0 {
			t.Errorf("%s: %d %q", u, resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
	}
	tests := []struct {
		name, path, contentType, cache string
		status                         int
	}{
		{name: "widget", path: "/widget.js", contentType: "text/javascript; charset=utf-8", cache: "max-age=300", status: 200},
		{name: "script by its plain name", path: "/static/chat.js", contentType: "text/javascript; charset=utf-8", cache: "no-cache", status: 200},
		{name: "a query is no version", path: "/static/chat.css?v=0000", contentType: "text/css; charset=utf-8", cache: "no-cache", status: 200},
		{name: "site css", path: "/static/site.css", contentType: "text/css; charset=utf-8", cache: "no-cache", status: 200},
		{name: "icon", path: "/static/icon.svg", contentType: "image/svg+xml", cache: "no-cache", status: 200},
		{name: "unknown", path: "/static/nope.js", status: 404},
		{name: "an old hash", path: "/static/chat.000000000000.js", status: 404},
		{name: "a variant by its file name", path: "/static/manifest.json", status: 404},
		{name: "no traversal", path: "/static/..%2Fpages.go", status: 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := getPage(t, srv.URL+tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.status != 200 {
				return
			}
			if got := resp.Header.Get("Content-Type"); got != tt.contentType {
				t.Errorf("Content-Type %q, want %q", got, tt.contentType)
			}
			if got := resp.Header.Get("Cache-Control"); !strings.Contains(got, tt.cache) {
				t.Errorf("Cache-Control %q, want %q", got, tt.cache)
			}
			if strings.Contains(body, "__LOS_CSS__") {
				t.Error("the stylesheet's URL was not filled in")
			}
			etag := resp.Header.Get("ETag")
			again, _ := getPage(t, srv.URL+tt.path, "If-None-Match", etag)
			if etag == "" || again.StatusCode != http.StatusNotModified {
				t.Errorf("ETag %q: revalidation gave %d", etag, again.StatusCode)
			}
		})
	}
	// The widget links the stylesheet the page links, by its hashed name.
	_, widget := getPage(t, srv.URL+"/widget.js")
	css := regexp.MustCompile(`/static/chat\.[0-9a-f]{12}\.css`).FindString(page)
	if css == "" || !strings.Contains(widget, `"`+css+`"`) {
		t.Errorf("widget does not link %q", css)
	}
}

func TestChatTexts(t *testing.T) {
	srv := newPageServer(t)
	nb := locales.MustLoad().Prefix("nb", "web.chat.")
	tests := []struct {
		name, lang string
		status     int
		human      string
	}{
		{name: "nb", lang: "nb", status: 200, human: "Snakk med et menneske"},
		{name: "nn", lang: "nn", status: 200, human: "Snakk med eit menneske"},
		{name: "en", lang: "en", status: 200, human: "Talk to a person"},
		{name: "no is nb", lang: "no", status: 200, human: "Snakk med et menneske"},
		{name: "unknown", lang: "sv", status: 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := getPage(t, srv.URL+"/api/v1/locales/"+tt.lang, "Origin", siteOrigin)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
			if tt.status != 200 {
				return
			}
			if got := resp.Header.Get("Access-Control-Allow-Origin"); got != siteOrigin {
				t.Errorf("Access-Control-Allow-Origin %q", got)
			}
			var m map[string]string
			if err := json.Unmarshal([]byte(body), &m); err != nil {
				t.Fatal(err)
			}
			if m["web.chat.human"] != tt.human {
				t.Errorf("human button %q, want %q", m["web.chat.human"], tt.human)
			}
			for k := range nb {
				if m[k] == "" {
					t.Errorf("missing %s", k)
				}
			}
			if len(m) != len(nb) {
				t.Errorf("%d texts, want the %d chat texts", len(m), len(nb))
			}
		})
	}
}
