package eval

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Judging whether an extractive answer is useful: whether the sentences
// it quotes hold the answer. Each labelled question carries an evidence
// phrase, copied verbatim from the article that answers it. An answer is
// useful when
//
//   - it holds the evidence phrase, ignoring case, Markdown marks,
//     punctuation and spacing (Strict), or
//   - one or two consecutive sentences of it hold the evidence's content
//     words: at least usefulShare of the words of four or more letters and
//     the numbers, a word matching on its first prefixLen letters, a
//     number only exactly. This accepts the same sentence reformatted (a
//     table row turned into a line, a list item, a word inflected) or
//     trimmed, and a twin article's sentence in the same wording; a free
//     translation into the other written standard mostly fails it (the
//     sets name the customer's standard's article first, with its
//     evidence).
//
// Strict is the rule of the first baseline; both are reported.
const (
	usefulShare = 0.8
	prefixLen   = 5
	minContent  = 2
)

// Useful reports whether answer holds evidence by either rule above, and
// whether by the strict rule.
func Useful(answer, evidence string) (useful, strict bool) {
	if strings.TrimSpace(evidence) == "" || evidence == "-" {
		return false, false
	}
	na, ne := " "+normalize(answer)+" ", " "+normalize(evidence)+" "
	if strings.TrimSpace(ne) == "" {
		return false, false
	}
	if strings.Contains(na, ne) {
		return true, true
	}
	want := contentWords(strings.Fields(ne))
	if len(want) < minContent {
		return false, false
	}
	sents := splitSentences(answer)
	for i := range sents {
		window := strings.Fields(normalize(sents[i]))
		if i+1 < len(sents) {
			window = append(window, strings.Fields(normalize(sents[i+1]))...)
		}
		if share(want, window) >= usefulShare {
			return true, false
		}
	}
	return false, false
}

// share is the part of want found in words.
func share(want, words []string) float64 {
	n := 0
	for _, w := range want {
		for _, x := range words {
			if sameWord(w, x) {
				n++
				break
			}
		}
	}
	return float64(n) / float64(len(want))
}

func sameWord(a, b string) bool {
	if a == b {
		return true
	}
	if hasDigit(a) || hasDigit(b) {
		return false
	}
	pa, pb := prefix(a, prefixLen), prefix(b, prefixLen)
	return utf8.RuneCountInString(pa) == prefixLen && pa == pb
}

func prefix(s string, n int) string {
	i := 0
	for k := range s {
		if i == n {
			return s[:k]
		}
		i++
	}
	return s
}

func contentWords(words []string) []string {
	var out []string
	for _, w := range words {
		if hasDigit(w) || utf8.RuneCountInString(w) >= 4 {
			out = append(out, w)
		}
	}
	return out
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}

// normalize lowercases text and turns everything but letters and digits
// (Markdown marks, punctuation, table bars) into single spaces.
func normalize(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// splitSentences splits text at line breaks and at '.', '!' or '?'
// followed by a space.
func splitSentences(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		start := 0
		for i := 0; i < len(line); i++ {
			if strings.IndexByte(".!?", line[i]) >= 0 && (i+1 == len(line) || line[i+1] == ' ') {
				out = appendNonEmpty(out, line[start:i+1])
				start = i + 1
			}
		}
		out = appendNonEmpty(out, line[start:])
	}
	return out
}

func appendNonEmpty(xs []string, s string) []string {
	if s = strings.TrimSpace(s); s != "" {
		xs = append(xs, s)
	}
	return xs
}
