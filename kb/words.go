package kb

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// eachWord calls fn with every word of text and its byte offset, in order.
// It splits as the index's Unicode (UAX #29) tokenizer does for European
// text, several times faster: a word is a run of letters, digits and
// marks, which may hold an apostrophe, period, colon or middle dot
// between letters ("bl.a", "S:t") and a period, comma, semicolon or
// apostrophe between digits ("3,5", "1.000"); an ideograph is a word.
func eachWord(text string, fn func(w string, start int)) {
	start := -1
	var prev rune
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.Is(unicode.Han, r) { // one word per ideograph
			if start >= 0 {
				fn(text[start:i], start)
				start = -1
			}
			fn(text[i:i+n], i)
			i += n
			continue
		}
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			prev = r
			i += n
			continue
		}
		if start >= 0 && i+n < len(text) {
			next, _ := utf8.DecodeRuneInString(text[i+n:])
			letters := unicode.IsLetter(prev) && unicode.IsLetter(next) && strings.ContainsRune(".'’:·", r)
			digits := unicode.IsDigit(prev) && unicode.IsDigit(next) && strings.ContainsRune(".,;'’", r)
			if letters || digits {
				i += n
				continue
			}
		}
		if start >= 0 {
			fn(text[start:i], start)
			start = -1
		}
		i += n
	}
	if start >= 0 {
		fn(text[start:], start)
	}
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}
