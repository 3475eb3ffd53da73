package chat_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/web/chat"
	"github.com/los-bot/los/web/webtest"
)

// The help centre against fakes of the store and the index.
func TestHelpCentreWithFakes(t *testing.T) {
	articles := map[string]kb.Article{
		"faktura": {Slug: "faktura", Title: "Faktura", Lang: los.Bokmal, Published: true, Body: "## Betaling\n\nBetal innen fristen.", Group: "faktura"},
		"utkast":  {Slug: "utkast", Title: "Utkast", Lang: los.Bokmal, Body: "Ikke publisert."},
		"rekning": {Slug: "rekning", Title: "Rekning", Lang: los.Nynorsk, Published: true, Body: "Betal innan fristen.", Group: "faktura"},
		"invoice": {Slug: "invoice", Title: "Invoice", Lang: los.English, Body: "Pay in time.", Group: "faktura"},
	}
	var searched []kb.SearchOptions
	h := serve(chat.Deps{
		Articles: &fakeArticles{
			ArticlesFunc: func(context.Context) ([]kb.Article, error) {
				return []kb.Article{articles["faktura"], articles["invoice"], articles["rekning"], articles["utkast"]}, nil
			},
			ArticleFunc: func(_ context.Context, slug string) (kb.Article, error) {
				if a, ok := articles[slug]; ok {
					return a, nil
				}
				return kb.Article{}, errNotFound
			},
		},
		Search: fakeSearcher(func(_ context.Context, q string, opts kb.SearchOptions) ([]kb.Hit, error) {
			searched = append(searched, opts)
			return []kb.Hit{{Slug: "faktura", Title: "Faktura", Heading: "Betaling", Anchor: "betaling", Lang: los.Bokmal, Text: "Betal **innen** fristen."}}, nil
		}),
	})
	tests := []struct {
		path        string
		header      []string
		status      int
		want, avoid []string
	}{
		{path: "/artikler", status: 200, want: []string{`href="/artikler/faktura"`}, avoid: []string{"utkast"}},
		{path: "/artikler?q=betale", header: []string{"Accept-Language", "nn"}, status: 200,
			want: []string{`href="/artikler/faktura#betaling"`, "Betal innen fristen."}},
		{path: "/artikler/faktura", status: 200, want: []string{`<h2 id="betaling">Betaling</h2>`}},
		{path: "/artikler/utkast", status: 404, avoid: []string{"Ikke publisert"}},
		{path: "/artikler/finnes-ikke", status: 404},
	}
	for _, tt := range tests {
		rec := webtest.Do(h, "GET", tt.path, "", tt.header...)
		if rec.Code != tt.status {
			t.Errorf("%s: status %d, want %d", tt.path, rec.Code, tt.status)
		}
		body := rec.Body.String()
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: missing %q", tt.path, w)
			}
		}
		for _, a := range tt.avoid {
			if strings.Contains(body, a) {
				t.Errorf("%s: %q must not show", tt.path, a)
			}
		}
	}
	// The search is in the visitor's standard; the article page's related
	// articles in the article's.
	if len(searched) != 2 || searched[0].Lang != los.Nynorsk || searched[1].Lang != los.Bokmal {
		t.Errorf("searched with %+v", searched)
	}
	if rec := webtest.Do(h, "GET", "/artikler/faktura", ""); rec.Header().Get("Cache-Control") != "no-cache" || rec.Code != http.StatusOK {
		t.Errorf("pages revalidate: %q", rec.Header().Get("Cache-Control"))
	}
	// Twins link each other, the unpublished English one not, and a twin
	// is no related article.
	for path, want := range map[string]string{
		"/artikler/faktura": `<a href="/artikler/rekning?lang=nn" lang="nn" hreflang="nn">Les på nynorsk</a>`,
		"/artikler/rekning": `<a href="/artikler/faktura?lang=nb" lang="nb" hreflang="nb">Les på bokmål</a>`,
	} {
		body := webtest.Do(h, "GET", path, "").Body.String()
		if !strings.Contains(body, want) || strings.Contains(body, "/artikler/invoice") {
			t.Errorf("%s: twin links wrong, want %s", path, want)
		}
	}
	if body := webtest.Do(h, "GET", "/artikler/utkast", "").Body.String(); strings.Contains(body, "Les på") {
		t.Error("an article without twins links some")
	}
}
