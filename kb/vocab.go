package kb

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
)

// vocab is the set of light forms in the sections' text, kept in memory
// and sorted by their reversed spelling, so that the compounds ending in a
// word are one range: Norwegian compounds end in the word they are a kind
// of ("strømavtale", "fastprisavtale" are kinds of "avtale").
type vocab struct {
	mu    sync.RWMutex
	words []vocabWord // sorted by rev
	// folded maps the ASCII spelling (see asciiFold) of each light form
	// holding æ, ø or å to those light forms: "lordag" -> "lørdag".
	folded map[string][]string
}

type vocabWord struct {
	rev string // the light form, bytes reversed
	df  uint32 // sections holding it, when loaded (1 for words added later)
}

func reverse(s string) string {
	b := []byte(s)
	slices.Reverse(b)
	return string(b)
}

// loadVocab reads the light forms of the text field from the index.
func loadVocab(idx bleve.Index) (*vocab, error) {
	v := &vocab{folded: map[string][]string{}}
	adv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	d, err := r.FieldDict(fieldTextL)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	for {
		e, err := d.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			break
		}
		v.words = append(v.words, vocabWord{rev: reverse(e.Term), df: uint32(min(e.Count, 1<<32-1))})
		v.addFolded(e.Term)
	}
	slices.SortFunc(v.words, func(a, b vocabWord) int { return strings.Compare(a.rev, b.rev) })
	return v, nil
}

// add adds the light forms of the words of text, for an article indexed
// after the vocabulary was loaded.
func (v *vocab) add(text string) {
	var fresh []vocabWord
	for _, w := range tokenize(text) {
		if isStopWord(w) {
			continue
		}
		rev := reverse(lightForm(w))
		if !v.contains(rev) && !slices.ContainsFunc(fresh, func(f vocabWord) bool { return f.rev == rev }) {
			fresh = append(fresh, vocabWord{rev: rev, df: 1})
		}
	}
	if len(fresh) == 0 {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, f := range fresh {
		i, found := sort.Find(len(v.words), func(i int) int { return strings.Compare(f.rev, v.words[i].rev) })
		if !found {
			v.words = slices.Insert(v.words, i, f)
			v.addFolded(reverse(f.rev))
		}
	}
}

// addFolded records a light form under its ASCII spelling when that
// differs. The caller holds v.mu for writing, or owns v.
func (v *vocab) addFolded(light string) {
	if f := asciiFold(light); f != light && !slices.Contains(v.folded[f], light) {
		v.folded[f] = append(v.folded[f], light)
	}
}

// unfold returns the light forms that the ASCII spelling f stands for.
func (v *vocab) unfold(f string) []string {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return slices.Clone(v.folded[f])
}

// df returns the number of sections holding the light form w, 0 when
// none does (1 for a word added after loading).
func (v *vocab) df(w string) uint32 {
	rev := reverse(w)
	v.mu.RLock()
	defer v.mu.RUnlock()
	i, found := sort.Find(len(v.words), func(i int) int { return strings.Compare(rev, v.words[i].rev) })
	if !found {
		return 0
	}
	return v.words[i].df
}

func (v *vocab) contains(rev string) bool {
	v.mu.RLock()
	defer v.mu.RUnlock()
	_, found := sort.Find(len(v.words), func(i int) int { return strings.Compare(rev, v.words[i].rev) })
	return found
}

// compounds returns up to limit words of the vocabulary that end in head
// after at least minModifier more bytes, the most common first.
func (v *vocab) compounds(head string, limit int) []string {
	rev := reverse(head)
	v.mu.RLock()
	lo := sort.Search(len(v.words), func(i int) bool { return v.words[i].rev >= rev })
	var best []vocabWord // the most common so far, most common first
	for i := lo; i < len(v.words) && strings.HasPrefix(v.words[i].rev, rev); i++ {
		w := v.words[i]
		if len(w.rev)-len(rev) < minModifier || len(best) == limit && w.df <= best[limit-1].df {
			continue
		}
		at := sort.Search(len(best), func(k int) bool { return best[k].df < w.df })
		if len(best) < limit {
			best = append(best, vocabWord{})
		}
		copy(best[at+1:], best[at:])
		best[at] = w
	}
	v.mu.RUnlock()
	out := make([]string, len(best))
	for i, f := range best {
		out[i] = reverse(f.rev)
	}
	return out
}
