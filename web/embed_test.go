package web_test

import (
	"html"
	"net/http"
	"strings"
	"testing"
)

// TestEmbedPage: admins get the line that puts the chat on their site,
// made from the form's choices, and see which sites may use it; others
// may not see the page.
func TestEmbedPage(t *testing.T) {
	for _, origins := range [][]string{nil, {"https://www.fjordkraft.example"}} {
		e := newDeskEnv(t, func(d *siteDeps) { d.WidgetOrigins = origins })
		admin := e.login(t, "ada@example.no")
		resp, body := admin.do("GET", "/admin/embed?wlang=nn&title=Fjord+%3Ckundeservice%3E&color=%23005f73&position=left", "")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("embed page: %d", resp.StatusCode)
		}
		code := html.UnescapeString(body)
		want := `<script src="` + e.srv.URL + `/widget.js" defer data-lang="nn" data-title="Fjord &lt;kundeservice&gt;" data-color="#005f73" data-position="left"></script>`
		if !strings.Contains(code, want) {
			t.Errorf("the page lacks the snippet\n%s\nin\n%s", want, body)
		}
		if origins == nil && !strings.Contains(body, "LOS_WIDGET_ORIGINS=https://www.dittfirma.no") {
			t.Error("without LOS_WIDGET_ORIGINS the page does not say how to allow a site")
		}
		if origins != nil && !strings.Contains(body, "<code>https://www.fjordkraft.example</code>") {
			t.Error("the allowed site is not listed")
		}
		// Inline, with a colour that is not one: the default colour, and a
		// word about it.
		_, body = admin.do("GET", "/admin/embed?mode=inline&color=red", "")
		code = html.UnescapeString(body)
		if !strings.Contains(code, `data-color="#17456e" data-position="right" data-mode="inline" data-target="los-chat"></script>`) ||
			!strings.Contains(code, `<div id="los-chat"`) || !strings.Contains(body, "#rrggbb") {
			t.Errorf("inline snippet:\n%s", body)
		}
	}
	e := newDeskEnv(t)
	for _, who := range []string{"kari@example.no", "eva@example.no"} {
		if resp, _ := e.login(t, who).do("GET", "/admin/embed", ""); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s: %d, want 403", who, resp.StatusCode)
		}
	}
}
