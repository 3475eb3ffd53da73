package kb

import (
	"sort"

	"github.com/blevesearch/bleve/v2/search"
)

// proximity returns the largest share of the question's groups that occur
// within any span of width words of the section text: sections that answer
// a question tend to hold its words in one sentence.
func (p plan) proximity(locs search.FieldTermLocationMap, width int) float64 {
	type hit struct {
		pos   uint64
		group int
	}
	var hits []hit
	for _, field := range []string{fieldTextS, fieldTextL} {
		for t, ls := range locs[field] {
			for g, alts := range p.alts {
				for _, alt := range alts {
					for _, at := range alt {
						if (field == fieldTextS && at.stem == t) || (field == fieldTextL && at.light == t) {
							for _, l := range ls {
								hits = append(hits, hit{l.Pos, g})
							}
						}
					}
				}
			}
		}
	}
	if len(hits) == 0 {
		return 0
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].pos < hits[j].pos })
	count := make([]int, len(p.alts))
	best, cur := 0, 0
	lo := 0
	for hi := range hits {
		if count[hits[hi].group] == 0 {
			cur++
		}
		count[hits[hi].group]++
		for hits[hi].pos-hits[lo].pos >= uint64(width) {
			count[hits[lo].group]--
			if count[hits[lo].group] == 0 {
				cur--
			}
			lo++
		}
		if cur > best {
			best = cur
		}
	}
	return float64(best) / float64(len(p.alts))
}
