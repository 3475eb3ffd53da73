package los

import "strings"

// CleanText is how every text from outside (messages, replies, names,
// notes, comments, titles) enters Los: control characters are removed,
// never stored. A NUL or an escape has no meaning in a chat and breaks
// the programs that read the transcript later; refusing the whole message
// for one would lose what the customer wrote. Tab and newline stay; a
// carriage return becomes a newline (CRLF one newline); DEL and the other
// C0 controls go.
func CleanText(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case isControl(r):
			return -1
		}
		return r
	}, s)
}

func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n') || r == 0x7f
}
