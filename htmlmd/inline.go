package htmlmd

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func tableMD(t *html.Node) string {
	var rows [][]string
	walk(t, func(n *html.Node) bool {
		if n.DataAtom != atom.Tr {
			return true
		}
		var row []string
		for td := n.FirstChild; td != nil; td = td.NextSibling {
			if td.DataAtom == atom.Td || td.DataAtom == atom.Th {
				row = append(row, strings.ReplaceAll(flat(inlineMD(td), " "), "|", `\|`))
			}
		}
		if len(row) > 0 {
			rows = append(rows, row)
		}
		return false
	})
	if len(rows) == 0 {
		return ""
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	var b strings.Builder
	for i, r := range rows {
		for len(r) < width {
			r = append(r, "")
		}
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
		if i == 0 {
			b.WriteString("|" + strings.Repeat(" --- |", width) + "\n")
		}
	}
	return b.String()
}

// inlineMD converts inline content to Markdown on one logical line.
func inlineMD(n *html.Node) string {
	switch n.Type {
	case html.TextNode:
		return mdEscape.Replace(n.Data)
	case html.ElementNode:
	default:
		return ""
	}
	if skipped[n.DataAtom] || n.DataAtom == atom.Img {
		return ""
	}
	var inner strings.Builder
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		inner.WriteString(inlineMD(ch))
	}
	s := inner.String()
	wrap := func(mark string) string {
		if t := strings.TrimSpace(s); t != "" {
			return " " + mark + t + mark + " "
		}
		return s
	}
	switch n.DataAtom {
	case atom.Strong, atom.B:
		return wrap("**")
	case atom.Em, atom.I:
		return wrap("*")
	case atom.Code:
		return " `" + strings.TrimSpace(textOf(n)) + "` "
	case atom.Br:
		return hardBreak
	case atom.A:
		href := attr(n, "href")
		if t := flat(s, " "); t != "" && safeHref(href) {
			return " [" + t + "](" + strings.ReplaceAll(href, " ", "%20") + ") "
		}
	}
	if isBlock(n.DataAtom) {
		return " " + s + " "
	}
	return s
}

func safeHref(h string) bool {
	l := strings.ToLower(strings.TrimSpace(h))
	if l == "" || strings.ContainsAny(l, "()") {
		return false
	}
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "mailto:") ||
		strings.HasPrefix(l, "tel:") || strings.HasPrefix(l, "/") || !strings.Contains(l, ":")
}

var mdEscape = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", "&lt;")

var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Nav: true, atom.Header: true, atom.Footer: true,
	atom.Noscript: true, atom.Template: true, atom.Iframe: true, atom.Form: true, atom.Svg: true, atom.Head: true,
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Aside, atom.H1, atom.H2, atom.H3, atom.H4,
		atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Pre, atom.Blockquote, atom.Table, atom.Hr, atom.Body, atom.Figure, atom.Dl:
		return true
	}
	return false
}

// hardBreak marks a <br> in converted inline text until flat decides how
// to write it.
const hardBreak = "\x00"

// flat folds all white space (HTML source line breaks included) into
// single spaces, and writes <br> as br.
func flat(s, br string) string {
	var parts []string
	for _, p := range strings.Split(s, hardBreak) {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, br)
}

func walk(n *html.Node, fn func(*html.Node) bool) {
	if n.Type == html.ElementNode && !fn(n) {
		return
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		walk(ch, fn)
	}
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			rec(ch)
		}
	}
	rec(n)
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}
