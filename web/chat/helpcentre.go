package chat

import (
	"html/template"
	"net/http"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/web/markdown"
)

// maxQuery bounds a help-centre search, like a chat message.
const maxQuery = 200

type articleLink struct {
	Slug, Title string
	Lang        los.Standard
	Anchor      string // heading anchor, "" for the article's top
	Heading     string // the section found, when it is not the intro
	Snippet     string // plain text from the section
}

// URL is the link to the article, at the section when there is one.
func (l articleLink) URL() string {
	if l.Anchor == "" {
		return "/artikler/" + l.Slug
	}
	return "/artikler/" + l.Slug + "#" + l.Anchor
}

type articleGroup struct {
	Lang     los.Standard
	Articles []articleLink
}

type articlesData struct {
	Query   string
	Results []articleLink // search results, when Query is set
	Groups  []articleGroup
}

// index is the help-centre index: every published article grouped by
// written standard (the visitor's first), or search results for ?q=.
func (p *pages) index(c echo.Context) error {
	ctx := c.Request().Context()
	pg := p.newPage(c, "web.articles.title")
	pg.Chat = "launcher"
	d := articlesData{Query: strings.TrimSpace(c.QueryParam("q"))}
	if utf8.RuneCountInString(d.Query) > maxQuery {
		d.Query = string([]rune(d.Query)[:maxQuery])
	}
	if d.Query != "" {
		hits, err := p.search.Search(ctx, d.Query, kb.SearchOptions{Limit: 20, Lang: pg.Lang})
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, h := range hits {
			if seen[h.Slug] {
				continue
			}
			seen[h.Slug] = true
			l := articleLink{Slug: h.Slug, Title: h.Title, Lang: h.Lang, Anchor: h.Anchor, Snippet: markdown.Snippet(h.Text, 180)}
			if h.Heading != h.Title {
				l.Heading = h.Heading
			}
			d.Results = append(d.Results, l)
		}
		pg.Data = d
		return p.render(c, http.StatusOK, "articles.html", pg)
	}
	all, err := p.articles.Articles(ctx)
	if err != nil {
		return err
	}
	byLang := map[los.Standard][]articleLink{}
	for _, a := range all {
		if a.Published {
			byLang[a.Lang] = append(byLang[a.Lang], articleLink{Slug: a.Slug, Title: a.Title})
		}
	}
	order := append([]los.Standard{pg.Lang}, los.Standards...)
	for _, l := range order {
		links := byLang[l]
		if len(links) == 0 {
			continue
		}
		sort.Slice(links, func(i, j int) bool { return sortKey(links[i].Title) < sortKey(links[j].Title) })
		d.Groups = append(d.Groups, articleGroup{Lang: l, Articles: links})
		delete(byLang, l)
	}
	pg.Data = d
	return p.render(c, http.StatusOK, "articles.html", pg)
}

type articleData struct {
	Article kb.Article
	Body    template.HTML
	Related []articleLink
	Twins   []articleLink // the article in other standards
}

// article is one published article, with related articles and the chat.
func (p *pages) article(c echo.Context) error {
	ctx := c.Request().Context()
	slug := c.Param("slug")
	if !kb.ValidSlug(slug) {
		return p.notFoundPage(c)
	}
	a, err := p.articles.Article(ctx, slug)
	if los.ErrorCode(err) == los.ENOTFOUND || (err == nil && !a.Published) {
		return p.notFoundPage(c)
	}
	if err != nil {
		return err
	}
	body, err := markdown.Render(a.Body)
	if err != nil {
		return err
	}
	related, err := p.related(c, a)
	if err != nil {
		return err
	}
	twins, err := p.twins(c, a)
	if err != nil {
		return err
	}
	pg := p.newPage(c, "web.articles.title")
	pg.Title, pg.Chat = a.Title, "launcher"
	pg.Data = articleData{Article: a, Body: body, Related: related, Twins: twins}
	return p.render(c, http.StatusOK, "article.html", pg)
}

// twins returns a's published twins (the same article in other
// standards), in the order of los.Standards.
func (p *pages) twins(c echo.Context, a kb.Article) ([]articleLink, error) {
	if a.Group == "" {
		return nil, nil
	}
	all, err := p.articles.Articles(c.Request().Context())
	if err != nil {
		return nil, err
	}
	var out []articleLink
	for _, l := range los.Standards {
		for _, t := range all {
			if t.Group == a.Group && t.Lang == l && t.Slug != a.Slug && t.Published && l != a.Lang {
				out = append(out, articleLink{Slug: t.Slug, Title: t.Title, Lang: l})
				break
			}
		}
	}
	return out, nil
}

// related finds up to four other articles by searching for the title and
// tags of a.
func (p *pages) related(c echo.Context, a kb.Article) ([]articleLink, error) {
	q := a.Title + " " + strings.Join(a.Tags, " ")
	hits, err := p.search.Search(c.Request().Context(), q, kb.SearchOptions{Limit: 12, Lang: a.Lang})
	if err != nil {
		return nil, err
	}
	var out []articleLink
	seen := map[string]bool{a.Slug: true}
	for _, h := range hits {
		if a.Group != "" && h.Group == a.Group {
			continue // a twin: linked above the article
		}
		if seen[h.Slug] || len(out) == 4 {
			continue
		}
		seen[h.Slug] = true
		out = append(out, articleLink{Slug: h.Slug, Title: h.Title, Lang: h.Lang})
	}
	return out, nil
}

var nordic = strings.NewReplacer("æ", "z\x01", "ø", "z\x02", "å", "z\x03")

// sortKey orders titles the Norwegian way: case-blind, æ, ø, å after z.
func sortKey(title string) string { return nordic.Replace(strings.ToLower(title)) }
