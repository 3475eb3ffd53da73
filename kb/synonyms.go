package kb

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// Synonyms are groups of words or phrases that mean the same to a
// customer, applied at query time: a question that contains one member of
// a group also searches for the others. Matching ignores case and
// inflection ("fakturaen" matches the member "faktura").
type Synonyms struct {
	groups [][]string       // members as written
	byKey  map[string][]int // light-form key of a member -> groups
	maxLen int              // longest member, in words
}

// ParseSynonyms reads synonym groups, one per line, members separated by
// "=": "faktura = regning = rekning". Members may have several words.
// "#" starts a comment. name is used in errors, which name the line.
func ParseSynonyms(name string, r io.Reader) (*Synonyms, error) {
	s := &Synonyms{byKey: map[string][]int{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		var members []string
		for _, m := range strings.Split(line, "=") {
			m = strings.Join(strings.Fields(m), " ")
			if m == "" {
				return nil, &ParseError{File: name, Line: n, Msg: "empty synonym: write 'a = b = c'"}
			}
			members = append(members, m)
		}
		if len(members) < 2 {
			return nil, &ParseError{File: name, Line: n, Msg: fmt.Sprintf("%q has no '=': write 'a = b = c'", line)}
		}
		s.add(members)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return s, nil
}

// LoadSynonyms reads a synonyms file from disk.
func LoadSynonyms(path string) (*Synonyms, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseSynonyms(path, f)
}

func (s *Synonyms) add(members []string) {
	g := len(s.groups)
	s.groups = append(s.groups, members)
	for _, m := range members {
		words := tokenize(m)
		if len(words) == 0 {
			continue
		}
		key := synonymKey(words)
		if !containsInt(s.byKey[key], g) {
			s.byKey[key] = append(s.byKey[key], g)
		}
		if len(words) > s.maxLen {
			s.maxLen = len(words)
		}
	}
}

// Groups returns the groups as written.
func (s *Synonyms) Groups() [][]string {
	if s == nil {
		return nil
	}
	return s.groups
}

// synonymKey is the key of a word sequence: light forms, stop words kept.
func synonymKey(words []string) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(lightForm(w))
	}
	return b.String()
}

// Expansion is one synonym group applied to a question: the phrase found
// in the question and the other members searched for.
type Expansion struct {
	Phrase   string   `json:"phrase"`
	Synonyms []string `json:"synonyms"`
}

// match finds synonym members in words (the question's lowercase words),
// longest first, and returns for each match the span [start, end) and the
// other members of its groups.
func (s *Synonyms) match(words []string) (spans [][2]int, exps []Expansion) {
	if s == nil || len(s.byKey) == 0 {
		return nil, nil
	}
	for i := 0; i < len(words); {
		found := false
		for n := min(s.maxLen, len(words)-i); n >= 1 && !found; n-- {
			key := synonymKey(words[i : i+n])
			groups, ok := s.byKey[key]
			if !ok {
				continue
			}
			exp := Expansion{Phrase: strings.Join(words[i:i+n], " ")}
			for _, g := range groups {
				for _, m := range s.groups[g] {
					if synonymKey(tokenize(m)) != key && !containsString(exp.Synonyms, m) {
						exp.Synonyms = append(exp.Synonyms, m)
					}
				}
			}
			if len(exp.Synonyms) > 0 {
				spans = append(spans, [2]int{i, i + n})
				exps = append(exps, exp)
			}
			i += n
			found = true
		}
		if !found {
			i++
		}
	}
	return spans, exps
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func containsString(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
