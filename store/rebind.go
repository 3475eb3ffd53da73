package store

import (
	"strconv"
	"strings"
)

// rebind turns the store's portable placeholders (?) into PostgreSQL's
// numbered ones ($1, $2, ...). A ? inside a string literal, a quoted
// identifier, a comment or a dollar-quoted body is text, not a
// placeholder, and stays as it is.
func rebind(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		case c == '\'' || c == '"':
			end := closing(query, i+1, c)
			b.WriteString(query[i:end])
			i = end - 1
			continue
		case c == '-' && strings.HasPrefix(query[i:], "--"):
			end := strings.IndexByte(query[i:], '\n')
			if end < 0 {
				end = len(query) - i
			}
			b.WriteString(query[i : i+end])
			i += end - 1
			continue
		case c == '/' && strings.HasPrefix(query[i:], "/*"):
			end := strings.Index(query[i+2:], "*/")
			if end < 0 {
				end = len(query) - i - 2
			} else {
				end += 2
			}
			b.WriteString(query[i : i+2+end])
			i += 2 + end - 1
			continue
		case c == '$':
			if tag, ok := dollarTag(query[i:]); ok {
				end := strings.Index(query[i+len(tag):], tag)
				if end < 0 {
					end = len(query) - i - len(tag)
				} else {
					end += len(tag)
				}
				b.WriteString(query[i : i+len(tag)+end])
				i += len(tag) + end - 1
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// closing returns the index just past the quote q that closes a quoted
// run starting at from; a doubled quote is part of the text.
func closing(s string, from int, q byte) int {
	for i := from; i < len(s); i++ {
		if s[i] != q {
			continue
		}
		if i+1 < len(s) && s[i+1] == q {
			i++
			continue
		}
		return i + 1
	}
	return len(s)
}

// dollarTag returns the opening tag ($$ or $name$) of a dollar-quoted
// string at the start of s.
func dollarTag(s string) (string, bool) {
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '$':
			return s[:i+1], true
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 1 && c >= '0' && c <= '9':
		default:
			return "", false
		}
	}
	return "", false
}
