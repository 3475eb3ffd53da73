package admin

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"regexp"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/lang"
	"github.com/los-bot/los/web"
)

var embedTmpl = template.Must(template.ParseFS(analyticsFS, "templates/embed.html", "templates/top.html"))

// widgetColor is what data-color may be on this page: a hex colour (the
// widget itself takes any CSS colour).
var widgetColor = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// embedSettings are the widget's data- attributes, as the page's form
// chooses them.
type embedSettings struct {
	Lang     string // "" (the browser's), nb, nn, en
	Title    string
	Color    string
	Position string // right, left
	Inline   bool
}

// embedPage is what the embed template sees.
type embedPage struct {
	Lang     los.Standard
	Email    string
	CSRF     string
	CSS, JS  string
	Settings embedSettings
	Snippet  string
	Origins  []string
	BadColor bool
	t        func(l los.Standard, key string, args ...any) string
}

func (p embedPage) T(key string, args ...any) string { return p.t(p.Lang, key, args...) }

// TitleKey names the page's title text.
func (embedPage) TitleKey() string { return "embed.title" }

// Standards are the choices of data-lang.
func (embedPage) Standards() []los.Standard {
	return []los.Standard{los.Bokmal, los.Nynorsk, los.English}
}

// snippet is the HTML an admin pastes into the company's pages to show
// the widget served by base.
func snippet(base string, s embedSettings) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<script src="%s/widget.js" defer`, html.EscapeString(base))
	if s.Lang != "" {
		fmt.Fprintf(&b, ` data-lang="%s"`, s.Lang)
	}
	fmt.Fprintf(&b, ` data-title="%s" data-color="%s" data-position="%s"`, html.EscapeString(s.Title), s.Color, s.Position)
	if s.Inline {
		b.WriteString(` data-mode="inline" data-target="los-chat"></script>` + "\n" + `<div id="los-chat" style="height: 40rem"></div>`)
	} else {
		b.WriteString(`></script>`)
	}
	return b.String()
}

// embedCode shows admins the line that puts the chat on the company's
// site, made from the form's choices, with a copy button, what each data-
// attribute does and which sites LOS_WIDGET_ORIGINS allows.
func (a *analytics) embedCode(c echo.Context) error {
	ui := web.RequestLang(c)
	p := embedPage{Lang: ui, CSS: adminAssets.URL("analytics.css"), JS: adminAssets.URL("copy.js"), Origins: a.origins, t: a.web.Texts().T}
	s := embedSettings{Title: strings.TrimSpace(c.QueryParam("title")), Color: c.QueryParam("color"), Position: c.QueryParam("position"),
		Inline: c.QueryParam("mode") == "inline"}
	if l, ok := lang.Parse(c.QueryParam("wlang")); ok {
		s.Lang = string(l)
	}
	if s.Title == "" {
		s.Title = a.web.Texts().T(los.Bokmal, "web.chat.title")
		if s.Lang != "" {
			s.Title = a.web.Texts().T(los.Standard(s.Lang), "web.chat.title")
		}
	}
	if len([]rune(s.Title)) > 60 {
		s.Title = string([]rune(s.Title)[:60])
	}
	if !widgetColor.MatchString(s.Color) {
		p.BadColor = s.Color != ""
		s.Color = "#17456e"
	}
	if s.Position != "left" {
		s.Position = "right"
	}
	p.Settings = s
	p.Snippet = snippet(c.Scheme()+"://"+c.Request().Host, s)
	if u := web.UserFrom(c); u != nil {
		p.Email = u.Email
	}
	if sess := web.SessionFrom(c); sess != nil {
		p.CSRF = sess.CSRF
	}
	var buf bytes.Buffer
	if err := embedTmpl.Execute(&buf, p); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.HTMLBlob(http.StatusOK, buf.Bytes())
}
