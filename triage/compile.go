package triage

import (
	"errors"
	"fmt"
	"strings"

	"github.com/los-bot/los"
)

const defaultGap = 2

// Lexicon is a compiled set of lexicon files. It is read-only after load
// and safe for concurrent use.
type Lexicon struct {
	files    []string
	rules    []*rule
	phrases  phraseIndex // the entries' terms and phrases
	vetoes   phraseIndex // the entries' veto patterns (see vetoed)
	acronyms map[string]bool
	scopes   [numStemmers]*scope
	model    *Model // the learned second layer (ModelFile), if any
}

// scope holds what the lexicon files of one language (by stemmer: nb and
// nn share Norwegian) say about it. Negators and persons of one language
// must not act on another: "no" is English "no" but Nynorsk "now", "i" is
// English "I" but Norwegian "in". Figurative patterns apply to every entry
// of their category, so that nn.json profits from those in nb.json.
type scope struct {
	stemmer   stemmer
	negators  map[string]bool
	breaks    map[string]bool
	light     map[string]bool
	self      slot // the writer: "jeg", "eg", "meg"
	close     slot // close persons: "mann", "mor", "far"
	addressee slot // the company addressed: "dere", "dykk", "you"
	generic   slot // before a close person, make it anyone's: "en mor", "hans venner"
	// Sets that read a message in its conversation (see ClassifyIn):
	// devices and services, people who come to do a job, and the
	// pronouns that may stand for them.
	device  slot // "ruteren", "fiberboksen"
	worker  slot // "montøren", "teknikeren"
	pronoun slot // a person: "han", "hun", "ho"
	it      slot // a thing: "den", "it"
	// dropped: finite verbs that open a sentence whose subject, the
	// writer, is left out ("Har sjølvmordstankar att", "Ligger på
	// sykehus"); subjects: the words that, right after such a verb, are
	// its subject after all ("Har dere …", "Er det …").
	dropped    slot
	subjects   slot
	joke       slot // marks of a joke: "haha", "lol"
	figurative map[los.Category][]*phrase
	hyperbole  map[los.Category][]*phrase
}

// rule is one compiled lexicon entry.
type rule struct {
	file, id   string
	n          int // position among all rules, for a stable order
	scope      *scope
	cat        los.Category
	weight     float64
	negatable  bool
	personal   bool
	short      bool // matches only in messages of at most shortMessage words
	phrases    []*phrase
	figurative []*phrase
	hyperbole  []*phrase
	veto       []*phrase // anywhere in a message: the learned model may not raise to cat
	negating   []*phrase
}

type ref struct {
	rule   *rule
	phrase *phrase
}

// ikey indexes a first word: by stem (kind = stemmer) or written form.
type ikey struct {
	kind uint8
	s    string
}

const exactKind = 255

func newLexicon() *Lexicon {
	l := &Lexicon{acronyms: map[string]bool{}}
	for i := range l.scopes {
		l.scopes[i] = &scope{stemmer: stemmer(i), negators: map[string]bool{}, breaks: map[string]bool{}, light: map[string]bool{},
			figurative: map[los.Category][]*phrase{}, hyperbole: map[los.Category][]*phrase{}}
	}
	return l
}

// Files lists the lexicon files loaded, by name.
func (l *Lexicon) Files() []string { return append([]string(nil), l.files...) }

// Entries is the number of lexicon entries loaded.
func (l *Lexicon) Entries() int { return len(l.rules) }

// Model is the learned model loaded with the lexicons (ModelFile), or nil.
func (l *Lexicon) Model() *Model { return l.model }

func (l *Lexicon) add(file string, spec *fileSpec) error {
	fail := func(err error) error { return &LoadError{File: file, Err: err} }
	st := stemNorwegian
	if spec.Standard == "en" {
		st = stemEnglish
	}
	if spec.Stemmer != "" {
		s, ok := stemmerNames[spec.Stemmer]
		if !ok {
			return fail(fmt.Errorf("stemmer %q: want norwegian or english", spec.Stemmer))
		}
		st = s
	}
	for field, words := range map[string][]string{"negators": spec.Negators, "clause_breaks": spec.ClauseBreaks, "negation_skip": spec.NegationSkip, "acronyms": spec.Acronyms} {
		for _, w := range words {
			if !validWord(w) {
				return fail(fmt.Errorf("%s: %q is not a lower-case word", field, w))
			}
		}
	}
	sc := l.scopes[st]
	addAll(sc.negators, spec.Negators)
	addAll(sc.breaks, spec.ClauseBreaks)
	addAll(sc.light, spec.NegationSkip)
	addAll(l.acronyms, spec.Acronyms)
	for name, target := range map[string]*slot{"self": &sc.self, "close": &sc.close, "joke": &sc.joke, "addressee": &sc.addressee, "generic": &sc.generic,
		"device": &sc.device, "worker": &sc.worker, "pronoun": &sc.pronoun, "it": &sc.it,
		"dropped": &sc.dropped, "subjects": &sc.subjects} {
		if _, ok := spec.Sets[name]; !ok {
			continue
		}
		as, err := compileAlt("@"+name, st, spec.Sets, 0)
		if err != nil {
			return fail(err)
		}
		target.alts = append(target.alts, as...)
	}
	ids := map[string]bool{}
	for i, e := range spec.Entries {
		r, err := l.compileEntry(e, st, spec.Sets)
		if err == nil && ids[e.ID] {
			err = errors.New("duplicate id")
		}
		if err == nil && r.personal && len(spec.Sets["self"])+len(spec.Sets["close"]) == 0 {
			err = errors.New(`personal needs the set "self" or "close" in the file`)
		}
		if err != nil {
			return &LoadError{File: file, Entry: i + 1, ID: e.ID, Err: err}
		}
		ids[e.ID] = true
		r.file, r.n, r.scope = file, len(l.rules), sc
		sc.figurative[r.cat] = append(sc.figurative[r.cat], r.figurative...)
		sc.hyperbole[r.cat] = append(sc.hyperbole[r.cat], r.hyperbole...)
		l.rules = append(l.rules, r)
		for _, p := range r.phrases {
			l.phrases.add(&ref{rule: r, phrase: p})
		}
		for _, p := range r.veto {
			l.vetoes.add(&ref{rule: r, phrase: p})
		}
	}
	return nil
}

func (l *Lexicon) compileEntry(e entrySpec, st stemmer, sets map[string][]string) (*rule, error) {
	switch {
	case e.ID == "":
		return nil, errors.New("id is missing")
	case !e.Category.Valid() || e.Category == los.CategoryNone:
		return nil, fmt.Errorf("category %q: want one of the triage categories other than none", e.Category)
	case e.Weight <= 0 || e.Weight > 1:
		return nil, fmt.Errorf("weight %v: want more than 0 and at most 1", e.Weight)
	case len(e.Terms)+len(e.Phrases) == 0:
		return nil, errors.New("no terms or phrases")
	}
	gap := defaultGap
	if e.Gap != nil {
		gap = *e.Gap
		if gap < 0 || gap > 5 {
			return nil, fmt.Errorf("gap %d: want 0 to 5", gap)
		}
	}
	r := &rule{id: e.ID, cat: e.Category, weight: e.Weight, negatable: true, personal: e.Personal, short: e.Short}
	if e.Negatable != nil {
		r.negatable = *e.Negatable
	}
	for i, t := range e.Terms {
		if len(strings.Fields(t)) != 1 || strings.Contains(t, ellipsis) {
			return nil, fmt.Errorf("terms[%d] %q: a term is one word; put several words in phrases", i, t)
		}
	}
	lists := []struct {
		field string
		src   []string
		dst   *[]*phrase
	}{
		{"terms", e.Terms, &r.phrases},
		{"phrases", e.Phrases, &r.phrases},
		{"figurative", e.Figurative, &r.figurative},
		{"veto", e.Veto, &r.veto},
		{"hyperbole", e.Hyperbole, &r.hyperbole},
		{"negating", e.Negating, &r.negating},
	}
	for _, list := range lists {
		for i, src := range list.src {
			p, err := compilePhrase(src, gap, st, sets)
			if err != nil {
				return nil, fmt.Errorf("%s[%d] %q: %w", list.field, i, src, err)
			}
			*list.dst = append(*list.dst, p)
		}
	}
	return r, nil
}

// phraseIndex finds the phrases whose first position may match a token:
// by the stems and written forms that position takes, and, for prefixes,
// suffixes and numbers, by trying each such alternative.
type phraseIndex struct {
	index map[ikey][]*ref
	scan  []scanRef
}

type scanRef struct {
	alt alt
	rf  *ref
}

func (px *phraseIndex) add(rf *ref) {
	if px.index == nil {
		px.index = map[ikey][]*ref{}
	}
	seen := map[ikey]bool{}
	for _, a := range rf.phrase.slots[0].alts {
		var k ikey
		switch a.kind {
		case altStem:
			k = ikey{uint8(a.stemmer), a.s}
		case altExact:
			k = ikey{exactKind, a.s}
		default:
			px.scan = append(px.scan, scanRef{a, rf})
			continue
		}
		if !seen[k] {
			seen[k] = true
			px.index[k] = append(px.index[k], rf)
		}
	}
}

// candidates calls fn with every phrase whose first position may match
// tk; a phrase may come more than once.
func (px *phraseIndex) candidates(tk *token, fn func(*ref)) {
	var seen [numStemmers + 1]ikey
	n := 0
	try := func(k ikey) {
		for i := 0; i < n; i++ {
			if seen[i] == k {
				return
			}
		}
		seen[n] = k
		n++
		for _, rf := range px.index[k] {
			fn(rf)
		}
	}
	for s := stemmer(0); s < numStemmers; s++ {
		try(ikey{uint8(s), tk.stems[s]})
	}
	try(ikey{exactKind, tk.surface})
	for _, sr := range px.scan {
		if sr.alt.matches(tk) {
			fn(sr.rf)
		}
	}
}

func addAll(m map[string]bool, words []string) {
	for _, w := range words {
		m[w] = true
	}
}
