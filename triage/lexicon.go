package triage

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"sync"

	"github.com/los-bot/los"
	"github.com/los-bot/los/lang"
)

//go:embed lexicons/*.json
var embedded embed.FS

// fileSpec is one lexicon file, one per written standard (nb.json, nn.json,
// en.json). See lexicons/README.md for the format.
type fileSpec struct {
	Standard     string              `json:"standard"`
	Stemmer      string              `json:"stemmer"`
	Description  string              `json:"description"`
	Negators     []string            `json:"negators"`
	ClauseBreaks []string            `json:"clause_breaks"`
	NegationSkip []string            `json:"negation_skip"`
	Acronyms     []string            `json:"acronyms"`
	Sets         map[string][]string `json:"sets"`
	Entries      []entrySpec         `json:"entries"`
}

type entrySpec struct {
	ID         string       `json:"id"`
	Category   los.Category `json:"category"`
	Weight     float64      `json:"weight"`
	Terms      []string     `json:"terms"`
	Phrases    []string     `json:"phrases"`
	Gap        *int         `json:"gap"`
	Figurative []string     `json:"figurative"`
	Hyperbole  []string     `json:"hyperbole"`
	Negating   []string     `json:"negating"`
	Veto       []string     `json:"veto"`
	Negatable  *bool        `json:"negatable"`
	Personal   bool         `json:"personal"`
	Short      bool         `json:"short"`
	Note       string       `json:"note"`
}

// LoadError says which file and entry of a lexicon is wrong.
type LoadError struct {
	File  string
	Entry int    // 1-based; 0 when the error is not in an entry
	ID    string // the entry's id, when it has one
	Err   error
}

func (e *LoadError) Error() string {
	if e.Entry == 0 {
		return fmt.Sprintf("triage lexicon %s: %v", e.File, e.Err)
	}
	return fmt.Sprintf("triage lexicon %s: entry %d (id %q): %v", e.File, e.Entry, e.ID, e.Err)
}

func (e *LoadError) Unwrap() error { return e.Err }

// Embedded returns the lexicons built into the binary.
func Embedded() (*Lexicon, error) { return loadEmbedded() }

var loadEmbedded = sync.OnceValues(func() (*Lexicon, error) {
	sub, err := fs.Sub(embedded, "lexicons")
	if err != nil {
		return nil, err
	}
	return LoadFS(sub)
})

// LoadDir returns the built-in lexicons overlaid with every *.json file in
// dir: a file named like a built-in one (nb.json, nn.json, en.json, and the
// learned model, ModelFile) replaces it, other names add to them.
func LoadDir(dir string) (*Lexicon, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("triage lexicon directory: %w", err)
	}
	files := map[string][]byte{}
	for _, fsys := range []fs.FS{mustSub(embedded, "lexicons"), os.DirFS(dir)} {
		names, err := fs.Glob(fsys, "*.json")
		if err != nil {
			return nil, err
		}
		for _, name := range names {
			b, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, fmt.Errorf("triage lexicon: %w", err)
			}
			files[name] = b
		}
	}
	return compile(files)
}

// LoadFS reads every *.json file at the root of fsys, and nothing else;
// ModelFile among them is the learned model rather than a lexicon.
func LoadFS(fsys fs.FS) (*Lexicon, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, errors.New("triage lexicon: no *.json files")
	}
	files := map[string][]byte{}
	for _, name := range names {
		if files[name], err = fs.ReadFile(fsys, name); err != nil {
			return nil, fmt.Errorf("triage lexicon: %w", err)
		}
	}
	return compile(files)
}

func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // dir is a constant that go:embed guarantees
	}
	return sub
}

func compile(files map[string][]byte) (*Lexicon, error) {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	l := newLexicon()
	if b, ok := files[ModelFile]; ok {
		m, err := decodeModel(b)
		if err != nil {
			return nil, &LoadError{File: ModelFile, Err: err}
		}
		l.model = m
		names = slices.DeleteFunc(names, func(n string) bool { return n == ModelFile })
	}
	for _, name := range names {
		spec, err := decode(files[name])
		if err != nil {
			return nil, &LoadError{File: name, Err: err}
		}
		if err := l.add(path.Base(name), spec); err != nil {
			return nil, err
		}
	}
	l.files = names
	return l, nil
}

// decodeStrict decodes the JSON document b into v: unknown fields are
// errors, and syntax and type errors carry a line and column.
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		line, col := position(b, se.Offset)
		return fmt.Errorf("line %d, column %d: %v", line, col, err)
	case errors.As(err, &te):
		line, col := position(b, te.Offset)
		return fmt.Errorf("line %d, column %d: %v", line, col, err)
	}
	return err
}

// decode parses a lexicon file strictly: unknown fields are errors, and
// syntax errors carry a line and column.
func decode(b []byte) (*fileSpec, error) {
	var spec fileSpec
	if err := decodeStrict(b, &spec); err != nil {
		return nil, err
	}
	if _, ok := lang.Parse(spec.Standard); !ok {
		return nil, fmt.Errorf("standard %q: want nb, nn or en", spec.Standard)
	}
	return &spec, nil
}

func position(b []byte, off int64) (line, col int) {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	before := b[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(off) - bytes.LastIndexByte(before, '\n') - 1
	return line, col
}
