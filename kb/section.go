package kb

import (
	"strconv"
	"strings"
	"unicode"
)

// Section is the part of an article under one heading: the unit that is
// indexed, searched and cited.
type Section struct {
	Slug    string // article slug
	N       int    // position in the article, 0 for the first
	Heading string // the heading; the article title for the text before the first heading
	Anchor  string // fragment id of the heading ("" for the intro), see Anchor
	Text    string // Markdown under the heading, without the heading line
}

// ID identifies the section in the index: slug#n.
func (s Section) ID() string {
	return s.Slug + "#" + strconv.Itoa(s.N)
}

// Sections splits the article body at ATX headings of level 1 to 3 (#, ##,
// ###), outside fenced code blocks. The text before the first heading is a
// section headed by the title. Deeper headings stay in their section's
// text, and sections without text are left out.
func (a Article) Sections() []Section {
	var (
		out     []Section
		heading = a.Title
		anchor  string
		buf     []string
		fence   string
	)
	flush := func() {
		text := strings.TrimSpace(strings.Join(buf, "\n"))
		if text != "" {
			out = append(out, Section{Slug: a.Slug, N: len(out), Heading: heading, Anchor: anchor, Text: text})
		}
		buf = buf[:0]
	}
	for _, line := range strings.Split(strings.ReplaceAll(a.Body, "\r\n", "\n"), "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if f := fenceMarker(trimmed); f != "" && len(line)-len(trimmed) < 4 {
			switch {
			case fence == "":
				fence = f
			case strings.HasPrefix(f, fence) && strings.TrimSpace(trimmed[len(f):]) == "":
				fence = ""
			}
		}
		if h, ok := atxHeading(line); ok && fence == "" {
			flush()
			heading, anchor = h, Anchor(h)
			continue
		}
		buf = append(buf, line)
	}
	flush()
	return out
}

func fenceMarker(line string) string {
	for _, c := range []string{"```", "~~~"} {
		if strings.HasPrefix(line, c) {
			n := len(line) - len(strings.TrimLeft(line, c[:1]))
			return line[:n]
		}
	}
	return ""
}

// atxHeading returns the text of a level 1-3 ATX heading line.
func atxHeading(line string) (string, bool) {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return "", false
	}
	level := len(t) - len(strings.TrimLeft(t, "#"))
	if level < 1 || level > 3 || (len(t) > level && t[level] != ' ' && t[level] != '\t') {
		return "", false
	}
	h := strings.TrimSpace(t[level:])
	h = strings.TrimSpace(strings.TrimRight(h, "#")) // closing sequence
	return h, h != ""
}

// Anchor makes the fragment id of a heading: lowercase letters and digits
// (æ, ø, å kept), other runs of characters replaced by single hyphens.
func Anchor(heading string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(heading) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}
