package triage

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/norwegian"

	"github.com/los-bot/los"
	"github.com/los-bot/los/lang"
)

// stemmer names a Snowball stemmer a lexicon file uses.
type stemmer int

const (
	stemNorwegian stemmer = iota
	stemEnglish
	numStemmers
)

var stemmerNames = map[string]stemmer{"norwegian": stemNorwegian, "english": stemEnglish}

func stem(s stemmer, word string) string {
	env := snowballstem.NewEnv(word)
	switch s {
	case stemEnglish:
		english.Stem(env)
	default:
		norwegian.Stem(env)
	}
	return env.Current()
}

// token is one word of a message.
type token struct {
	surface  string // lower-case form
	upper    bool   // written in capitals, at least two letters
	letters  int
	stems    [numStemmers]string
	num      int // value when the token is a number, else -1
	sentence int // index of the sentence the token belongs to
	// boundary is true when a clause break (comma, sentence end) comes
	// right before this token.
	boundary bool
}

// text is an analysed message.
type text struct {
	raw    string
	tokens []token
	// bangs counts runs of two or more '!' or '?' ("!!!", "??", "?!").
	bangs int
	// english is false when the message is clearly Norwegian; English
	// lexicons then stay silent ("blind", "media" are Norwegian words too).
	english bool
	// asked marks the sentences that end with a question mark.
	asked map[int]bool
}

// analyse splits raw into lower-cased, stemmed tokens with sentence and
// clause boundaries. Hyphens split words ("BankID-en" gives "bankid", "en").
func analyse(raw string) *text {
	t := &text{raw: raw, tokens: make([]token, 0, len(raw)/5+1)}
	sentence := 0
	boundary := false
	run := 0 // current run of ! and ?
	var b strings.Builder
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		word := raw[start:end]
		start = -1
		word = strings.Trim(strings.ReplaceAll(word, "’", "'"), "'")
		if word == "" {
			return
		}
		t.tokens = append(t.tokens, newToken(word, sentence, boundary, &b))
		boundary = false
	}
	for i, r := range raw {
		if r == '!' || r == '?' {
			run++
			if run == 2 {
				t.bangs++
			}
		} else {
			run = 0
		}
		if laughing[r] {
			// A laughing face reads as the word "haha" (see the set
			// "joke" of the lexicons).
			flush(i)
			t.tokens = append(t.tokens, newToken("haha", sentence, boundary, &b))
			boundary = false
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
		switch r {
		case '.', '!', '?', ';', ':', '\n':
			// "1. juni" keeps its sentence: a dot after a number is not an end.
			if r == '.' && len(t.tokens) > 0 && t.tokens[len(t.tokens)-1].num >= 0 && i > 0 && raw[i-1] != ' ' {
				continue
			}
			if len(t.tokens) > 0 && t.tokens[len(t.tokens)-1].sentence == sentence {
				if r == '?' {
					if t.asked == nil {
						t.asked = map[int]bool{}
					}
					t.asked[sentence] = true
				}
				sentence++
			}
			boundary = true
		case ',', '(', ')', '"', '«', '»':
			boundary = true
		}
	}
	flush(len(raw))
	std, marked := lang.DetectScore(raw)
	// English rules also read a message with strong English marker words
	// that the detector gave to Norwegian: it reads "I don't think I'll be
	// around much longer" as Nynorsk.
	englishWords := len(lang.MarkerWords(raw, los.English)) > 0
	t.english = std == los.English || !marked || englishWords
	// Words are given back their æ, ø and å only in a message with no
	// English in it: "last time I write" must not become "låst time".
	if std != los.English && !englishWords {
		t.unfold()
	}
	return t
}

// laughing are emoji that mark a joke as "haha" does.
var laughing = map[rune]bool{
	'😂': true, '🤣': true, '😆': true, '😅': true, '😹': true, '😜': true,
	'😝': true, '🙃': true, '😉': true, '😁': true, '😄': true,
}

func newToken(word string, sentence int, boundary bool, b *strings.Builder) token {
	tk := token{sentence: sentence, boundary: boundary, num: -1}
	b.Reset()
	upper, lower := 0, 0
	for _, r := range word {
		if unicode.IsUpper(r) {
			upper++
		} else if unicode.IsLower(r) {
			lower++
		}
		b.WriteRune(unicode.ToLower(r))
	}
	tk.surface = b.String()
	tk.letters = upper + lower
	tk.upper = upper >= 2 && lower == 0
	if n, err := strconv.Atoi(tk.surface); err == nil {
		tk.num = n
	}
	for s := stemmer(0); s < numStemmers; s++ {
		tk.stems[s] = stem(s, tk.surface)
	}
	return tk
}

// words is the number of tokens with at least one letter.
func (t *text) words() int {
	n := 0
	for i := range t.tokens {
		if t.tokens[i].letters > 0 {
			n++
		}
	}
	return n
}

// span renders tokens[from:to+1] as they were written, lower-cased.
func (t *text) span(from, to int) string {
	parts := make([]string, 0, to-from+1)
	for i := from; i <= to && i < len(t.tokens); i++ {
		parts = append(parts, t.tokens[i].surface)
	}
	return strings.Join(parts, " ")
}

// validWord reports whether w is a lower-case word as analyse produces it.
func validWord(w string) bool {
	if w == "" || !utf8.ValidString(w) {
		return false
	}
	for _, r := range w {
		if !(unicode.IsLower(r) || unicode.IsDigit(r) || r == '\'') {
			return false
		}
	}
	return true
}
