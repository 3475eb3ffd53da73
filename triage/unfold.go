package triage

import (
	"io/fs"
	"strings"
	"sync"
)

// Customers on a keyboard without Norwegian letters write "mamma dode i
// gar", "har ikke rad til a betale", "pa dora". A message that reads as
// Norwegian gets those words back before matching
// ("døde", "går", "råd", "å", "på"): the words of the built-in Norwegian
// lexicons that hold æ, ø or å, by their ASCII spelling. A spelling that
// is itself a word of the lexicons ("far" for "får", "for" for "før",
// "sa" for "så") or an English word they would turn ("to" for "tø") is
// left alone. An operator's own lexicon files do not add to the table.

// foldASCII spells a lower-case word as it is typed without æ, ø and å;
// å may also be typed "aa" and æ "ae" (see unfoldTable).
var foldASCII = strings.NewReplacer("å", "a", "æ", "ae", "ø", "o")

// notUnfolded are ASCII spellings left as typed although a lexicon word
// folds to them: common words and names of their own ("los" is the bot,
// "Tor" a name, "spor" a track). "do" is given back as "dø" although it
// is also the toilet: "jeg vil bare do" must reach the crisis rules.
var notUnfolded = map[string]bool{
	"to": true, "bade": true, "mote": true, "for": true, "far": true, "sa": true, "hore": true,
	"los": true, "tor": true, "sann": true, "vare": true, "maler": true, "fatt": true, "sag": true, "spor": true,
	"bratt": true, "last": true, "fore": true,
}

// unfoldTable maps ASCII spellings to the lexicon word they stand for.
var unfoldTable = sync.OnceValue(func() map[string]string {
	words, plain := lexiconWords()
	m := map[string]string{}
	for w := range words {
		if !strings.ContainsAny(w, "æøå") {
			continue
		}
		for _, f := range []string{foldASCII.Replace(w), strings.ReplaceAll(foldASCII.Replace(w), "ae", "a"),
			strings.NewReplacer("å", "aa", "æ", "ae", "ø", "o").Replace(w)} {
			if plain[f] || notUnfolded[f] {
				continue
			}
			if old, ok := m[f]; !ok || w < old {
				m[f] = w // the first in order, so the table does not depend on map order
			}
		}
	}
	return m
})

// lexiconWords returns the words of the built-in Norwegian lexicons
// (terms, phrases, figurative and other patterns, sets) that hold æ, ø or
// å, and, as plain, the others.
func lexiconWords() (words, plain map[string]bool) {
	words, plain = map[string]bool{}, map[string]bool{}
	sub := mustSub(embedded, "lexicons")
	names, err := fs.Glob(sub, "*.json")
	if err != nil {
		panic(err) // a constant pattern
	}
	for _, name := range names {
		if name == ModelFile {
			continue // the learned model, several megabytes and no words of a lexicon
		}
		data, err := fs.ReadFile(sub, name)
		if err != nil {
			panic(err) // embedded
		}
		spec, err := decode(data)
		if err != nil {
			continue // a broken lexicon fails where it is loaded (TestEmbeddedLexicons)
		}
		add := func(patterns []string) {
			for _, p := range patterns {
				for _, w := range strings.FieldsFunc(p, func(r rune) bool { return r == ' ' || r == '|' }) {
					w = strings.Trim(w, "=*")
					if w == "" || strings.ContainsAny(w, "@#.") {
						continue
					}
					switch {
					case spec.Standard == "en":
					case strings.ContainsAny(w, "æøå"):
						words[w] = true
					default:
						plain[w] = true
					}
				}
			}
		}
		add(spec.Negators)
		add(spec.ClauseBreaks)
		add(spec.NegationSkip)
		for _, set := range spec.Sets {
			add(set)
		}
		for _, e := range spec.Entries {
			for _, list := range [][]string{e.Terms, e.Phrases, e.Figurative, e.Hyperbole, e.Negating, e.Veto} {
				add(list)
			}
		}
	}
	return words, plain
}

// unfold gives back æ, ø and å to the words of a Norwegian message typed
// without them (in a message that uses them elsewhere too: "bestefar dode
// i gaar, kan vi få ..."). The caller leaves English messages alone.
func (t *text) unfold() {
	table := unfoldTable()
	var b strings.Builder
	for i, tk := range t.tokens {
		if w, ok := table[tk.surface]; ok {
			nt := newToken(w, tk.sentence, tk.boundary, &b)
			nt.upper = tk.upper
			t.tokens[i] = nt
		}
	}
}
