package apertium

import (
	"regexp"
	"strings"
)

// protected are spans Apertium must leave as they are: Markdown bold (in
// articles the labels of the company's own screens, "**Faktura >
// Fakturaadresse**", which must match what the customer sees), inline
// code, web addresses, e-mail addresses, link targets and citation marks
// ("[1]").
var protected = regexp.MustCompile("\\*\\*[^*\\n]+\\*\\*|`[^`\\n]+`|https?://[^\\s)\\]]+|[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+|\\]\\([^)\\s]+\\)|\\[\\d+\\]")

// keepRE matches the protected spans and the names a Translator keeps.
func keepRE(names []string) *regexp.Regexp {
	if len(names) == 0 {
		return protected
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = regexp.QuoteMeta(n)
	}
	return regexp.MustCompile(protected.String() + `|\b(?:` + strings.Join(quoted, "|") + `)\b`)
}

// addedDot is the superblank that follows a full stop deformat added.
const addedDot = "[los:dot]"

// deformat turns plain text into Apertium's stream format, as
// apertium-destxt does: the stream's special characters are escaped, and
// every run of line breaks becomes a superblank after a sentence end (a
// full stop is added, and marked, where the line has none), so each line
// is translated as a sentence of its own and keeps its place.
func deformat(text string, keep *regexp.Regexp) string {
	var b strings.Builder
	b.Grow(len(text) + 16)
	spans := keep.FindAllStringIndex(text, -1)
	end := func(line string) {
		if strings.TrimRight(line, " \t") == "" || strings.ContainsAny(line[len(line)-1:], ".!?:") {
			b.WriteString("[]")
		} else {
			b.WriteString("." + addedDot)
		}
	}
	lineStart := 0
	for i := 0; i < len(text); i++ {
		if len(spans) > 0 && i == spans[0][0] {
			// A protected span travels as a superblank, untouched.
			b.WriteByte('[')
			for _, c := range []byte(text[i:spans[0][1]]) {
				if c == '\\' || c == '[' || c == ']' {
					b.WriteByte('\\')
				}
				b.WriteByte(c)
			}
			b.WriteByte(']')
			i = spans[0][1] - 1
			spans = spans[1:]
			continue
		}
		c := text[i]
		switch c {
		case '\n':
			j := i
			for j < len(text) && text[j] == '\n' {
				j++
			}
			end(text[lineStart:i])
			b.WriteByte('[')
			b.WriteString(text[i:j])
			b.WriteByte(']')
			i = j - 1
			lineStart = j
			continue
		case '\\', '[', ']', '^', '$', '/', '<', '>', '@', '{', '}', '*', '#', '+', '|', '~':
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	end(text[lineStart:])
	return b.String()
}

// reformat turns Apertium's output stream back into plain text: escapes
// are undone, superblanks give back their content and the full stops
// deformat added are dropped.
func reformat(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case c == '.' && strings.HasPrefix(s[i+1:], addedDot):
			i += len(addedDot)
		case strings.HasPrefix(s[i:], addedDot):
			i += len(addedDot) - 1
		case c == '[':
			// A superblank: its content (escaped) is kept as it is.
			for i++; i < len(s) && s[i] != ']'; i++ {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				}
				b.WriteByte(s[i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
