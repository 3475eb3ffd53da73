// Package htmlmd turns a simple HTML page into a knowledge-base article
// in Markdown, for the editor's import.
package htmlmd

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/lang"
)

// Article turns a simple HTML page into a draft article, so it
// can be edited like any other: the title from <title> (or the first
// <h1>), the written standard from <html lang>, tags from <meta
// name="keywords">, the slug from the file name, and the body converted
// to Markdown (headings, paragraphs, lists, links, emphasis, code, quotes
// and simple tables; scripts, styles, images and navigation are left out).
// HTML files always come in as drafts: publish them after a look.
func Article(name string, data []byte) (kb.Article, error) {
	fail := func(line int, format string, args ...any) (kb.Article, error) {
		return kb.Article{}, &kb.ParseError{File: name, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	if !utf8.Valid(data) {
		return fail(kb.InvalidUTF8Line(data), "file is not valid UTF-8 text")
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return fail(0, "cannot read the HTML: %v", err)
	}
	a := kb.Article{Lang: los.Bokmal}
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	a.Slug = strings.TrimSuffix(strings.TrimSuffix(base, ".html"), ".htm")
	if !kb.ValidSlug(a.Slug) {
		return fail(0, "invalid slug %q taken from the file name: rename the file with lowercase letters a-z, digits and single hyphens", a.Slug)
	}
	var body *html.Node
	var h1 *html.Node
	walk(doc, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Html:
			if l, ok := lang.Parse(attr(n, "lang")); ok {
				a.Lang = l
			}
		case atom.Title:
			a.Title = flat(textOf(n), " ")
		case atom.Meta:
			if strings.EqualFold(attr(n, "name"), "keywords") {
				a.Tags = strings.Split(attr(n, "content"), ",")
			}
		case atom.Body:
			body = n
		case atom.H1:
			if h1 == nil {
				h1 = n
			}
		}
		return true
	})
	if a.Title == "" && h1 != nil {
		a.Title = flat(textOf(h1), " ")
	}
	if a.Title == "" {
		return fail(1, "no title: add a <title> or an <h1>")
	}
	if h1 != nil && flat(textOf(h1), " ") == a.Title {
		h1.Parent.RemoveChild(h1) // the title is shown above the text
	}
	if body != nil {
		var c mdConv
		c.blocks(body)
		a.Body = c.String()
	}
	if strings.TrimSpace(a.Body) == "" {
		return fail(0, "no text in <body>")
	}
	return a, nil
}

// mdConv writes Markdown from HTML nodes.
type mdConv struct {
	out   strings.Builder
	quote string // "> " prefixes inside blockquotes
}

func (c *mdConv) String() string { return strings.TrimSpace(c.out.String()) }

// para writes one block, separated from the previous by a blank line.
func (c *mdConv) para(text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	if c.out.Len() > 0 {
		c.out.WriteString("\n" + strings.TrimRight(c.quote, " ") + "\n")
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if i > 0 {
			c.out.WriteByte('\n')
		}
		c.out.WriteString(c.quote + l)
	}
}

func (c *mdConv) blocks(n *html.Node) {
	var inline strings.Builder
	flush := func() {
		c.para(flat(inline.String(), "\\\n"))
		inline.Reset()
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && skipped[ch.DataAtom] {
			continue
		}
		if ch.Type != html.ElementNode || !isBlock(ch.DataAtom) {
			inline.WriteString(inlineMD(ch))
			continue
		}
		flush()
		switch ch.DataAtom {
		case atom.H1, atom.H2:
			c.para("## " + flat(inlineMD(ch), " "))
		case atom.H3:
			c.para("### " + flat(inlineMD(ch), " "))
		case atom.H4, atom.H5, atom.H6:
			c.para("#### " + flat(inlineMD(ch), " "))
		case atom.P:
			c.para(flat(inlineMD(ch), "\\\n"))
		case atom.Ul, atom.Ol:
			c.para(c.list(ch, ""))
		case atom.Pre:
			c.para("```\n" + strings.Trim(textOf(ch), "\n") + "\n```")
		case atom.Blockquote:
			saved := c.quote
			c.quote += "> "
			c.blocks(ch)
			c.quote = saved
		case atom.Table:
			c.para(tableMD(ch))
		case atom.Hr:
			c.para("---")
		default: // div, section, article, main ...
			c.blocks(ch)
		}
	}
	flush()
}

// list writes a list, nested lists indented under their item.
func (c *mdConv) list(n *html.Node, indent string) string {
	var b strings.Builder
	num := 0
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if li.DataAtom != atom.Li {
			continue
		}
		num++
		marker := "- "
		if n.DataAtom == atom.Ol {
			marker = fmt.Sprintf("%d. ", num)
		}
		var text strings.Builder
		var nested []string
		for ch := li.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.DataAtom == atom.Ul || ch.DataAtom == atom.Ol {
				nested = append(nested, c.list(ch, indent+strings.Repeat(" ", len(marker))))
				continue
			}
			text.WriteString(inlineMD(ch))
		}
		b.WriteString(indent + marker + flat(text.String(), " ") + "\n")
		for _, s := range nested {
			b.WriteString(s)
		}
	}
	return b.String()
}
