package kb

import (
	"bytes"
	"embed"
	"sync"
)

//go:embed demo/*.md
var demoFS embed.FS

//go:embed synonyms.txt
var defaultSynonymsText []byte

//go:embed glossary_en.txt
var defaultGlossaryText []byte

// Demo returns the built-in demo knowledge base (a Norwegian energy and
// broadband company), parsed and validated like any import.
func Demo() ([]Article, error) {
	return ImportFS(demoFS, "demo")
}

var (
	defaultSynonymsOnce sync.Once
	defaultSynonyms     *Synonyms
)

// DefaultSynonyms returns the built-in synonyms (kb/synonyms.txt). They
// are parsed once; the result must not be changed.
func DefaultSynonyms() *Synonyms {
	defaultSynonymsOnce.Do(func() {
		s, err := ParseSynonyms("synonyms.txt", bytes.NewReader(defaultSynonymsText))
		if err != nil {
			panic("kb: built-in synonyms: " + err.Error())
		}
		defaultSynonyms = s
	})
	return defaultSynonyms
}

var (
	defaultGlossaryOnce sync.Once
	defaultGlossary     *Synonyms
)

// DefaultGlossary returns the built-in English–Norwegian glossary
// (kb/glossary_en.txt), parsed once; the result must not be changed.
func DefaultGlossary() *Synonyms {
	defaultGlossaryOnce.Do(func() {
		s, err := ParseSynonyms("glossary_en.txt", bytes.NewReader(defaultGlossaryText))
		if err != nil {
			panic("kb: built-in glossary: " + err.Error())
		}
		defaultGlossary = s
	})
	return defaultGlossary
}
