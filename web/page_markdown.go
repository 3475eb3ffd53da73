package web

import (
	"bytes"
	"html/template"
	"regexp"
	"strconv"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"github.com/los-bot/los/kb"
)

// markdown renders article bodies. Raw HTML in the Markdown is left out by
// goldmark (no html.WithUnsafe) and whatever remains is sanitized.
var markdown = goldmark.New(
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

// renderMarkdown turns an article body into safe HTML.
func renderMarkdown(body string) (template.HTML, error) {
	var buf bytes.Buffer
	ctx := parser.NewContext(parser.WithIDs(&anchorIDs{used: map[string]bool{}}))
	if err := markdown.Convert([]byte(body), &buf, parser.WithContext(ctx)); err != nil {
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
