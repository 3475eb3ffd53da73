// Package markdown turns the Markdown of knowledge-base articles into what
// pages show: safe HTML, with the headings' anchors that search hits and
// citations link to, and short plain-text snippets.
package markdown

import (
	"bytes"
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"github.com/los-bot/los/kb"
)

// md renders article bodies. Raw HTML in the Markdown is left out by
// goldmark (no html.WithUnsafe) and whatever remains is sanitized.
var md = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

// articlePolicy is bluemonday's policy for user content, plus heading ids
// (so /artikler/slug#anchor links work) and table alignment.
var articlePolicy = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("id").Matching(regexp.MustCompile(`^[\p{L}\p{N}-]+$`)).OnElements("h1", "h2", "h3", "h4", "h5", "h6")
	p.AllowAttrs("align").Matching(regexp.MustCompile(`^(left|right|center)$`)).OnElements("th", "td")
	return p
}()

// Render turns an article body into safe HTML.
func Render(body string) (template.HTML, error) {
	var buf bytes.Buffer
	ctx := parser.NewContext(parser.WithIDs(&anchorIDs{used: map[string]bool{}}))
	if err := md.Convert([]byte(body), &buf, parser.WithContext(ctx)); err != nil {
		return "", err
	}
	return template.HTML(articlePolicy.SanitizeBytes(buf.Bytes())), nil
}

// anchorIDs gives headings the ids that kb.Anchor gives sections, so the
// anchors of search hits and citations land on the right heading. A
// repeated id gets a number, as ids must be unique in a page.
type anchorIDs struct{ used map[string]bool }

var _ parser.IDs = (*anchorIDs)(nil)

func (ids *anchorIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	id := kb.Anchor(string(value))
	if id == "" {
		id = "seksjon"
	}
	unique := id
	for n := 2; ids.used[unique]; n++ {
		unique = id + "-" + strconv.Itoa(n)
	}
	ids.used[unique] = true
	return []byte(unique)
}

func (ids *anchorIDs) Put(value []byte) { ids.used[string(value)] = true }

var (
	mdLink  = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdLine  = regexp.MustCompile(`(?m)^\s*(#{1,6}|>|[-*+]|\d+[.)])\s+`)
	mdMarks = strings.NewReplacer("**", "", "__", "", "`", "")
)

// Snippet is the start of a section's Markdown as plain text, cut at a
// word boundary near n characters.
func Snippet(md string, n int) string {
	t := mdLink.ReplaceAllString(md, "$1")
	t = mdLine.ReplaceAllString(t, "")
	t = strings.Join(strings.Fields(mdMarks.Replace(t)), " ")
	if utf8.RuneCountInString(t) <= n {
		return t
	}
	cut := string([]rune(t)[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + " …"
}
