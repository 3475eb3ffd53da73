package triage

import (
	"slices"
	"strings"
)

// featureVersion names the feature extraction below. A model file records
// the version it was trained with; a model of another version is refused,
// since its weights would be read against the wrong features. Version 2:
// laughing emoji read as the word "haha" (see analyse).
const featureVersion = 2

// modelNegators start a negated stretch for the learned model. They are
// fixed here, not read from the lexicons, so that an operator's lexicon
// overrides cannot change what a trained model sees.
var modelNegators = map[string]bool{
	"ikke": true, "ikkje": true, "ingen": true, "inga": true, "ingi": true,
	"ingenting": true, "ingenting's": true, "aldri": true, "not": true,
	"no": true, "never": true, "nobody": true, "nothing": true, "don't": true,
	"dont": true, "didn't": true, "isn't": true, "can't": true, "won't": true,
}

// negationSpan is how many words after a negator are marked negated;
// gramWord is the fewest letters a word needs for its character n-grams
// (short words are mostly function words, whose n-grams only add noise).
const (
	negationSpan = 3
	gramWord     = 4
)

// features lists the distinct features of t for the learned model, sorted:
//
//	w:STEM      Snowball stem (Norwegian; English too when t may be English)
//	b:STEM STEM two neighbouring stems in one sentence
//	n:STEM      a stem shortly after a negator in the same clause
//	c:GRAM      character 3- to 5-grams of each word of four letters or
//	            more, marked "<word>", which carry inflection, compounds,
//	            typos and Nynorsk spellings
//	x:caps, x:punct  shouting and "!!!"
//
// Numbers become "w:#". The result is appended to buf[:0].
func (t *text) features(buf []string) []string {
	out := buf[:0]
	prev := ""
	prevSentence := -1
	negated := 0
	caps := 0
	var b strings.Builder
	for i := range t.tokens {
		tk := &t.tokens[i]
		if tk.boundary || tk.sentence != prevSentence {
			negated = 0
		}
		if tk.sentence != prevSentence {
			prev = ""
		}
		prevSentence = tk.sentence
		s := tk.stems[stemNorwegian]
		if tk.num >= 0 {
			s = "#"
		}
		out = append(out, "w:"+s)
		if t.english && tk.num < 0 && tk.stems[stemEnglish] != s {
			out = append(out, "w:"+tk.stems[stemEnglish])
		}
		if prev != "" {
			out = append(out, "b:"+prev+" "+s)
		}
		prev = s
		switch {
		case modelNegators[tk.surface]:
			negated = negationSpan
		case negated > 0:
			out = append(out, "n:"+s)
			negated--
		}
		if tk.upper && tk.letters >= 3 {
			caps++
		}
		if tk.num < 0 && tk.letters >= gramWord {
			out = appendGrams(out, tk.surface, &b)
		}
	}
	if caps > 0 {
		out = append(out, "x:caps")
	}
	if t.bangs > 0 {
		out = append(out, "x:punct")
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// appendGrams appends the character 3- to 5-grams of "<word>".
func appendGrams(out []string, word string, b *strings.Builder) []string {
	b.Reset()
	b.WriteByte('<')
	b.WriteString(word)
	b.WriteByte('>')
	marked := []rune(b.String())
	for n := 3; n <= 5; n++ {
		for i := 0; i+n <= len(marked); i++ {
			if i == 0 && n == len(marked) {
				continue // the whole word: its stem is a feature already
			}
			out = append(out, "c:"+string(marked[i:i+n]))
		}
	}
	return out
}
