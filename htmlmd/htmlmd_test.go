package htmlmd

import (
	"strings"
	"testing"

	"github.com/los-bot/los"
)

func TestArticle(t *testing.T) {
	page := `<!doctype html><html lang="nn"><head><title>Straumbrot</title>
<meta name="keywords" content="straum,brot"><script>alert(1)</script></head>
<body><h1>Straumbrot</h1><p>Ved <strong>straumbrot</strong> kan du <a href="/kontakt">kontakte oss</a>.</p>
<ul><li>Sjå kartet</li><li>Ring oss</li></ul>
<table><tr><th>Tid</th><th>Kompensasjon</th></tr><tr><td>12 t</td><td>100 kr</td></tr></table>
<img src="x.png"><nav>meny</nav></body></html>`
	a, err := Article("straumbrot.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if a.Slug != "straumbrot" || a.Title != "Straumbrot" || a.Lang != los.Nynorsk || strings.Join(a.Tags, ",") != "straum,brot" || a.Published {
		t.Errorf("article %+v", a)
	}
	for _, want := range []string{"Ved **straumbrot** kan du [kontakte oss](/kontakt)", "- Sjå kartet\n- Ring oss", "| Tid | Kompensasjon |"} {
		if !strings.Contains(a.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, a.Body)
		}
	}
	for _, gone := range []string{"alert", "meny", "x.png", "# Straumbrot"} {
		if strings.Contains(a.Body, gone) {
			t.Errorf("body keeps %q:\n%s", gone, a.Body)
		}
	}
}

func TestArticleRefuses(t *testing.T) {
	for name, tt := range map[string]struct{ file, page, want string }{
		"no title":  {"a.html", "<html><body><p>x</p></body></html>", "no title"},
		"bad slug":  {"Æ Ø.html", "<title>T</title><p>x</p>", "invalid slug"},
		"no text":   {"a.html", "<title>T</title><body></body>", "no text"},
		"not UTF-8": {"a.html", "<title>\xff</title>", "UTF-8"},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := Article(tt.file, []byte(tt.page)); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}
