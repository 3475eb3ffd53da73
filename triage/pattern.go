package triage

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Pattern syntax (lexicon files), one phrase = words separated by spaces:
//
//	word     matches any inflection with the same stem ("døde" matches "død", "døden")
//	=word    matches exactly that written form ("=banker" does not match "banken")
//	word*    matches written forms starting with word ("selvmord*")
//	*word    matches stems ending in word, for compounds ("*kreft": "lungekreften")
//	@set     matches any member of a set defined in the file
//	#80+     matches a number of at least 80; #80-110 one from 80 to 110
//	a|b      alternatives in one position
//	...      allows up to five extra words at that point
//
// Between two positions up to gap (entry setting, default 2) other words
// may stand, never across a sentence end.

const (
	maxSlots   = 10
	ellipsis   = "..."
	ellipsisGp = 5
)

type altKind uint8

const (
	altStem altKind = iota
	altExact
	altPrefix
	altSuffix
	altNumber
)

type alt struct {
	kind    altKind
	stemmer stemmer
	s       string
	n, max  int
}

func (a alt) matches(tk *token) bool {
	switch a.kind {
	case altStem:
		return tk.stems[a.stemmer] == a.s
	case altExact:
		return tk.surface == a.s
	case altPrefix:
		return strings.HasPrefix(tk.surface, a.s)
	case altSuffix:
		return strings.HasSuffix(tk.stems[a.stemmer], a.s)
	case altNumber:
		return tk.num >= a.n && (a.max == 0 || tk.num <= a.max)
	}
	return false
}

type slot struct {
	alts  []alt
	extra int // extra gap allowed before this slot ("...")
}

func (s *slot) matches(tk *token) bool {
	for _, a := range s.alts {
		if a.matches(tk) {
			return true
		}
	}
	return false
}

// phrase is a compiled pattern.
type phrase struct {
	src   string
	slots []slot
	gap   int
}

// compileAlt compiles one alternative such as "døde", "=banker" or "@close".
func compileAlt(s string, st stemmer, sets map[string][]string, depth int) ([]alt, error) {
	switch {
	case s == "":
		return nil, errors.New("empty alternative")
	case strings.HasPrefix(s, "@"):
		members, ok := sets[s[1:]]
		if !ok {
			return nil, fmt.Errorf("unknown set %q", s[1:])
		}
		if depth > 0 {
			return nil, fmt.Errorf("set member %q refers to a set", s)
		}
		var out []alt
		for _, m := range members {
			as, err := compileAlt(m, st, sets, depth+1)
			if err != nil {
				return nil, fmt.Errorf("set %q member %q: %w", s[1:], m, err)
			}
			out = append(out, as...)
		}
		return out, nil
	case strings.HasPrefix(s, "#"):
		return compileNumber(s)
	case strings.HasPrefix(s, "="):
		if !validWord(s[1:]) {
			return nil, fmt.Errorf("word %q: want lower-case letters", s)
		}
		return []alt{{kind: altExact, s: s[1:]}}, nil
	case strings.HasPrefix(s, "*"):
		if !validWord(s[1:]) {
			return nil, fmt.Errorf("word %q: want lower-case letters", s)
		}
		return []alt{{kind: altSuffix, stemmer: st, s: s[1:]}}, nil
	case strings.HasSuffix(s, "*"):
		w := strings.TrimSuffix(s, "*")
		if !validWord(w) {
			return nil, fmt.Errorf("word %q: want lower-case letters", s)
		}
		return []alt{{kind: altPrefix, s: w}}, nil
	}
	if !validWord(s) {
		return nil, fmt.Errorf("word %q: want lower-case letters, digits or '", s)
	}
	return []alt{{kind: altStem, stemmer: st, s: stem(st, s)}}, nil
}

// compileNumber compiles "#80+" and "#80-110".
func compileNumber(s string) ([]alt, error) {
	bad := fmt.Errorf("number %q: want #N+ or #N-M", s)
	if lo, ok := strings.CutSuffix(s[1:], "+"); ok {
		n, err := strconv.Atoi(lo)
		if err != nil || n < 0 {
			return nil, bad
		}
		return []alt{{kind: altNumber, n: n}}, nil
	}
	lo, hi, ok := strings.Cut(s[1:], "-")
	n, err1 := strconv.Atoi(lo)
	m, err2 := strconv.Atoi(hi)
	if !ok || err1 != nil || err2 != nil || n < 0 || m < n || m == 0 {
		return nil, bad
	}
	return []alt{{kind: altNumber, n: n, max: m}}, nil
}

// compilePhrase compiles a pattern with the given gap.
func compilePhrase(src string, gap int, st stemmer, sets map[string][]string) (*phrase, error) {
	p := &phrase{src: src, gap: gap}
	extra := 0
	for _, w := range strings.Fields(src) {
		if w == ellipsis {
			if len(p.slots) == 0 {
				return nil, fmt.Errorf("phrase cannot start with %s", ellipsis)
			}
			extra = ellipsisGp
			continue
		}
		sl := slot{extra: extra}
		extra = 0
		for _, a := range strings.Split(w, "|") {
			as, err := compileAlt(a, st, sets, 0)
			if err != nil {
				return nil, err
			}
			sl.alts = append(sl.alts, as...)
		}
		if len(sl.alts) == 0 {
			return nil, fmt.Errorf("position %q matches nothing", w)
		}
		p.slots = append(p.slots, sl)
	}
	switch {
	case len(p.slots) == 0:
		return nil, errors.New("empty phrase")
	case extra > 0:
		return nil, fmt.Errorf("phrase cannot end with %s", ellipsis)
	case len(p.slots) > maxSlots:
		return nil, fmt.Errorf("phrase has %d words, at most %d", len(p.slots), maxSlots)
	}
	return p, nil
}

// match is one occurrence of a phrase: the token positions of its slots.
type match struct {
	from, to int
	pos      []int
}

// matchAt tries the phrase with its first word at token i.
func (p *phrase) matchAt(t *text, i int) (match, bool) {
	var pos [maxSlots]int
	if !p.slots[0].matches(&t.tokens[i]) {
		return match{}, false
	}
	pos[0] = i
	if !p.next(t, 1, i, pos[:]) {
		return match{}, false
	}
	n := len(p.slots)
	return match{from: i, to: pos[n-1], pos: append([]int(nil), pos[:n]...)}, true
}

func (p *phrase) next(t *text, k, prev int, pos []int) bool {
	if k == len(p.slots) {
		return true
	}
	limit := prev + 1 + p.gap + p.slots[k].extra
	for j := prev + 1; j <= limit && j < len(t.tokens); j++ {
		if t.tokens[j].sentence != t.tokens[prev].sentence {
			return false
		}
		if p.slots[k].matches(&t.tokens[j]) {
			pos[k] = j
			if p.next(t, k+1, j, pos) {
				return true
			}
		}
	}
	return false
}

// findAll returns every match of p in t, leftmost first, not overlapping.
func (p *phrase) findAll(t *text) []match {
	var out []match
	for i := 0; i < len(t.tokens); i++ {
		if m, ok := p.matchAt(t, i); ok {
			out = append(out, m)
			i = m.to
		}
	}
	return out
}

// overlapping returns a match of p that shares words with m. Only starts
// from which p could reach m are tried.
func (p *phrase) overlapping(t *text, m match) (match, bool) {
	reach := 0
	for _, s := range p.slots {
		reach += 1 + p.gap + s.extra
	}
	for i := max(0, m.from-reach); i <= m.to; i++ {
		if fm, ok := p.matchAt(t, i); ok && fm.overlaps(m) {
			return fm, true
		}
	}
	return match{}, false
}

// overlaps reports whether two matches share a token range.
func (m match) overlaps(o match) bool { return m.from <= o.to && o.from <= m.to }
