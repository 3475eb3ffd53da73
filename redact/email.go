package redact

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// addrSpan is the stretch of text around one '@': the local part and domain
// grown as far as their characters allow (for a valid address, the address
// itself). Numbers inside it are never matched on their own, whether or not
// it is a valid address, so an address is never partly redacted and
// redaction cannot turn a near-address into an address.
type addrSpan struct {
	start, end int  // the whole stretch
	mail       span // the address itself, when valid
	valid      bool
}

type span struct{ start, end int }

// nextAddress returns the first stretch around an '@' in text[from:],
// reaching back no further than from. Scanning the text with it, each byte is
// looked at a bounded number of times, since '@' is neither a local nor a
// domain character. A bare '@' with nothing around it is skipped: it holds
// no number to protect.
func nextAddress(text string, from int) (addrSpan, bool) {
	for {
		i := strings.IndexByte(text[from:], '@')
		if i < 0 {
			return addrSpan{}, false
		}
		at := from + i
		start := at
		for start > from {
			r, size := utf8.DecodeLastRuneInString(text[from:start])
			if !isLocalRune(r) {
				break
			}
			start -= size
		}
		end := at + 1
		for end < len(text) {
			r, size := utf8.DecodeRuneInString(text[end:])
			if !isDomainRune(r) {
				break
			}
			end += size
		}
		if start == at && end == at+1 {
			from = end
			continue
		}
		a := addrSpan{start: start, end: end}
		a.mail, a.valid = validAddress(text, start, at, end)
		if a.valid {
			// Dots and hyphens trimmed off a valid address are plain text,
			// as they are once the address is replaced: the next address
			// may start with them ("a@example.com-@example.com").
			a.start, a.end = a.mail.start, a.mail.end
		}
		return a, true
	}
}

// validAddress trims the stretch to an address and checks it: a non-empty
// local part, and a domain of at least two non-empty labels whose last
// label has at least two letters and nothing else.
func validAddress(text string, start, at, end int) (span, bool) {
	for start < at && text[start] == '.' {
		start++
	}
	for end > at+1 && (text[end-1] == '.' || text[end-1] == '-') {
		end--
	}
	if start == at || end == at+1 {
		return span{}, false
	}
	domain := text[at+1 : end]
	dot := strings.LastIndexByte(domain, '.')
	if dot < 0 || strings.Contains(domain, "..") || domain[0] == '.' {
		return span{}, false
	}
	tld := domain[dot+1:]
	if utf8.RuneCountInString(tld) < 2 {
		return span{}, false
	}
	for _, r := range tld {
		if !unicode.IsLetter(r) {
			return span{}, false
		}
	}
	return span{start, end}, true
}

func isLocalRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		c := byte(r)
		return isDigit(c) || isASCIILetter(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
	case r == utf8.RuneError:
		return false
	}
	return unicode.IsLetter(r)
}

func isDomainRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		c := byte(r)
		return isDigit(c) || isASCIILetter(c) || c == '.' || c == '-'
	case r == utf8.RuneError:
		return false
	}
	return unicode.IsLetter(r)
}

func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
