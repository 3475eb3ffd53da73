package lang

import (
	"hash/fnv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The model reads a text as lower-cased words of letters (digits and
// punctuation split words and carry no sign of the standard), each padded
// with a space on both sides, and hashes every character n-gram of length
// 1 to maxN plus the whole word into one uint32 feature space.
const maxN = 5

// words splits text into lower-cased words of letters; an apostrophe stays
// inside a word ("it's").
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '’'
	})
}

// features calls f with the hash of every feature of text.
func features(text string, f func(uint32)) {
	var runes []rune
	for _, w := range words(text) {
		runes = append(runes[:0], ' ')
		runes = append(runes, []rune(w)...)
		runes = append(runes, ' ')
		f(hashString("w:" + w))
		for i := range runes {
			for n := 1; n <= maxN && i+n <= len(runes); n++ {
				if n == 1 && runes[i] == ' ' {
					continue
				}
				f(hashRunes(runes[i : i+n]))
			}
		}
	}
}

func hashString(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// hashRunes is FNV-1a over the UTF-8 bytes of rs, without allocating.
func hashRunes(rs []rune) uint32 {
	const prime = 16777619
	h := uint32(2166136261)
	var buf [utf8.UTFMax]byte
	for _, r := range rs {
		n := utf8.EncodeRune(buf[:], r)
		for _, b := range buf[:n] {
			h ^= uint32(b)
			h *= prime
		}
	}
	return h
}
