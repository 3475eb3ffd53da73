package kb

import (
	"unicode/utf8"

	index "github.com/blevesearch/bleve_index_api"
)

// A word of at least minHead letters matches, with boostVariant, up to
// maxCompounds of the index's words that end in it after at least
// minModifier more bytes, the most common first. A word of at least
// minFuzzy letters that the index lacks matches up to maxNear of the
// index's words one edit away. Measured on NorQuAD (see eval), together
// they took recall@5 from 0.987 to 0.992; a minHead of 4 did worse
// ("land" finds "England"), and so did boostVariant 0.3 and 0.8.
const (
	boostVariant = 0.5
	minHead      = 5
	minModifier  = 3
	maxCompounds = 16
	minFuzzy     = 5
	maxNear      = 8
)

// expand adds variants to the question's words: the compounds of the
// index that end in the word ("avtale" finds "strømavtale"), and, for a
// word the index lacks (dfs[g] == 0), the index's words one edit away
// ("Nortaship" finds "Nortraship"). Words that the first pass does not
// search in the text (see firstPass) are left as they are. The caller
// holds ix.mu for reading.
func (ix *Index) expand(p plan, dfs []uint64, reaches []reach) {
	var fuzzy []int
	for g, alts := range p.alts {
		t := &alts[0][0]
		if reaches[g] != reachAll {
			continue
		}
		if ix.voc != nil && utf8.RuneCountInString(t.light) >= minHead {
			t.variants = append(t.variants, ix.voc.compounds(t.light, maxCompounds)...)
		}
		if dfs[g] == 0 && utf8.RuneCountInString(t.light) >= minFuzzy {
			fuzzy = append(fuzzy, g)
		}
	}
	if len(fuzzy) > 0 {
		ix.addNear(p, fuzzy)
	}
}

// addNear adds to the given groups' words the index's words one edit away.
func (ix *Index) addNear(p plan, groups []int) {
	adv, err := ix.idx.Advanced()
	if err != nil {
		return
	}
	r, err := adv.Reader()
	if err != nil {
		return
	}
	defer r.Close()
	fr, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return
	}
	for _, g := range groups {
		t := &p.alts[g][0][0]
		d, err := fr.FieldDictFuzzy(fieldTextL, t.light, 1, "")
		if err != nil {
			continue
		}
		for n := 0; n < maxNear; n++ {
			e, err := d.Next()
			if err != nil || e == nil {
				break
			}
			t.variants = append(t.variants, e.Term)
		}
		d.Close()
	}
}
