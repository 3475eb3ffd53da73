package web

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

// articles is the help-centre index: every published article grouped by
// written standard (the visitor's first), or search results for ?q=.
func (s *Server) articles(c echo.Context) error {
	ctx := c.Request().Context()
	p := s.newPage(c, "web.articles.title")
	p.Chat = "launcher"
	d := articlesData{Query: strings.TrimSpace(c.QueryParam("q"))}
	if utf8.RuneCountInString(d.Query) > maxQuery {
		d.Query = string([]rune(d.Query)[:maxQuery])
	}
	if d.Query != "" {
		hits, err := s.Index.Search(ctx, d.Query, kb.SearchOptions{Limit: 20, Lang: p.Lang})
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
		p.Data = d
		return s.render(c, http.StatusOK, "articles.html", p)
	}
	all, err := s.DB.Articles(ctx)
	if err != nil {
		return err
	}
	byLang := map[los.Standard][]articleLink{}
	for _, a := range all {
		if a.Published {
			byLang[a.Lang] = append(byLang[a.Lang], articleLink{Slug: a.Slug, Title: a.Title})
		}
	}
	order := append([]los.Standard{p.Lang}, los.Standards...)
	for _, l := range order {
		links := byLang[l]
		if len(links) == 0 {
			continue
		}
		sort.Slice(links, func(i, j int) bool { return sortKey(links[i].Title) < sortKey(links[j].Title) })
		d.Groups = append(d.Groups, articleGroup{Lang: l, Articles: links})
		delete(byLang, l)
	}
	p.Data = d
	return s.render(c, http.StatusOK, "articles.html", p)
}

type articleData struct {
	Article kb.Article
	Body    template.HTML
	Related []articleLink
}

// article is one published article, with related articles and the chat.
func (s *Server) article(c echo.Context) error {
	ctx := c.Request().Context()
	slug := c.Param("slug")
	if !kb.ValidSlug(slug) {
		return s.notFoundPage(c)
	}
	a, err := s.DB.Article(ctx, slug)
	if los.ErrorCode(err) == los.ENOTFOUND || (err == nil && !a.Published) {
		return s.notFoundPage(c)
	}
	if err != nil {
		return err
	}
	body, err := markdown.Render(a.Body)
	if err != nil {
		return err
	}
	related, err := s.related(c, a)
	if err != nil {
		return err
	}
	p := s.newPage(c, "web.articles.title")
	p.Title, p.Chat = a.Title, "launcher"
	p.Data = articleData{Article: a, Body: body, Related: related}
	return s.render(c, http.StatusOK, "article.html", p)
}

// related finds up to four other articles by searching for the title and
// tags of a.
func (s *Server) related(c echo.Context, a kb.Article) ([]articleLink, error) {
	q := a.Title + " " + strings.Join(a.Tags, " ")
	hits, err := s.Index.Search(c.Request().Context(), q, kb.SearchOptions{Limit: 12, Lang: a.Lang})
	if err != nil {
		return nil, err
	}
	var out []articleLink
	seen := map[string]bool{a.Slug: true}
	for _, h := range hits {
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
