package kb

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentenceEnds returns the byte offsets at which the sentences of text end,
// in order; the last is len(text). A sentence ends at a line break, and at
// '.', '!' or '?' followed by space and a word that may start a sentence
// (a capital letter, a digit, a quote or a dash), unless the period closes
// an abbreviation ("bl.a.", "f.eks.", "kl. 08") or an initial ("K. Olsen").
func sentenceEnds(text string) []int {
	var ends []int
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '\n':
			ends = appendEnd(ends, i+1)
		case '.', '!', '?':
			j := i + 1
			for j < len(text) && strings.IndexByte(".!?»\"')", text[j]) >= 0 {
				j++ // "...", "?!", closing quotes
			}
			if j < len(text) && text[j] != ' ' && text[j] != '\t' && text[j] != '\n' {
				i = j - 1
				continue
			}
			if c == '.' && j == i+1 && isAbbreviation(lastWord(text[:i])) {
				continue
			}
			if startsSentence(strings.TrimLeft(text[j:], " \t")) {
				ends = appendEnd(ends, j)
			}
			i = j - 1
		}
	}
	return appendEnd(ends, len(text))
}

func appendEnd(ends []int, at int) []int {
	if n := len(ends); n > 0 && ends[n-1] >= at {
		return ends
	}
	return append(ends, at)
}

// lastWord returns the letters and periods that end s: "bl.a" for "som
// bl.a", "kl" for "fra kl".
func lastWord(s string) string {
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if r != '.' && !unicode.IsLetter(r) {
			break
		}
		i -= n
	}
	return s[i:]
}

// startsSentence reports whether s may be the start of a sentence.
func startsSentence(s string) bool {
	if s == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\n«\"'–—-([", r)
}

// isAbbreviation reports whether w (the word before a period, with inner
// periods) is an abbreviation or an initial rather than a sentence's end.
func isAbbreviation(w string) bool {
	if w == "" {
		return false
	}
	if strings.Contains(w, ".") {
		return true // "bl.a", "f.eks", "o.l"
	}
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r) // "K. Olsen"
	}
	return abbreviations[strings.ToLower(w)]
}

// abbreviations are common Norwegian (and a few English) abbreviations
// written without inner periods that are followed by more of their
// sentence ("kl. 08", "ca. 40", "nr. 12"). Those that often end a
// sentence ("kr.", "osv.", "etc.") are left out: before a capital they
// end it.
var abbreviations = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`kl ca nr tlf jf jfr evt ev dvs mht pga vs
		inkl ekskl ref avd adr pr st dr prof mr mrs ms fig kap pkt art bd red
		vol ant sml eks ordf`) {
		m[w] = true
	}
	return m
}()
