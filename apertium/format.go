package apertium

import "strings"

// addedDot is the superblank that follows a full stop deformat added.
const addedDot = "[los:dot]"

// deformat turns plain text into Apertium's stream format, as
// apertium-destxt does: the stream's special characters are escaped, and
// every run of line breaks becomes a superblank after a sentence end (a
// full stop is added, and marked, where the line has none), so each line
// is translated as a sentence of its own and keeps its place.
func deformat(text string) string {
	var b strings.Builder
	b.Grow(len(text) + 16)
	end := func(line string) {
		if strings.TrimRight(line, " \t") == "" || strings.ContainsAny(line[len(line)-1:], ".!?:") {
			b.WriteString("[]")
		} else {
			b.WriteString("." + addedDot)
		}
	}
	lineStart := 0
	for i := 0; i < len(text); i++ {
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
