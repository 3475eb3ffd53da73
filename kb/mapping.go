package kb

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// schemaVersion changes whenever the mapping or the analyzers change, so
// that an index built by an older Los is seen as stale and rebuilt.
const schemaVersion = "los-kb-1"

// Field names of a section document.
const (
	fieldSlug    = "slug"    // keyword, for Put and Delete
	fieldLang    = "lang"    // keyword
	fieldTitle   = "title"   // stored only
	fieldHeading = "heading" // stored only
	fieldAnchor  = "anchor"  // stored only
	fieldMD      = "md"      // stored only: the section's Markdown
	fieldHeadS   = "head_s"  // title, heading and tags, stemmed
	fieldHeadL   = "head_l"  // title, heading and tags, light
	fieldTextS   = "text_s"  // section text, stemmed
	fieldTextL   = "text_l"  // section text, light
)

// storedFields are loaded for every hit.
var storedFields = []string{fieldSlug, fieldLang, fieldTitle, fieldHeading, fieldAnchor, fieldMD}

func newMapping() mapping.IndexMapping {
	doc := bleve.NewDocumentStaticMapping()
	keyword := func(store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store, f.IncludeInAll, f.DocValues = store, false, false
		return f
	}
	storedOnly := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Index, f.Store, f.IncludeInAll, f.IncludeTermVectors, f.DocValues = false, true, false, false, false
		return f
	}
	searched := func(analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer, f.Store, f.IncludeInAll, f.IncludeTermVectors, f.DocValues = analyzer, false, false, true, false
		return f
	}
	add := func(name string, f *mapping.FieldMapping) { doc.AddFieldMappingsAt(name, f) }
	add(fieldSlug, keyword(true))
	add(fieldLang, keyword(true))
	add(fieldTitle, storedOnly())
	add(fieldHeading, storedOnly())
	add(fieldAnchor, storedOnly())
	add(fieldMD, storedOnly())
	add(fieldHeadS, searched(analyzerStem))
	add(fieldHeadL, searched(analyzerLight))
	add(fieldTextS, searched(analyzerStem))
	add(fieldTextL, searched(analyzerLight))

	im := bleve.NewIndexMapping()
	im.DefaultMapping = doc
	im.DefaultAnalyzer = analyzerStem
	im.StoreDynamic, im.IndexDynamic, im.DocValuesDynamic = false, false, false
	im.ScoringModel = index.BM25Scoring
	return im
}

// sectionDoc is what the index stores for one section.
func sectionDoc(a Article, s Section) map[string]any {
	head := a.Title
	if s.Heading != a.Title {
		head += "\n" + s.Heading
	}
	for _, t := range a.Tags {
		head += "\n" + t
	}
	plain := plainText(s.Text)
	return map[string]any{
		fieldSlug:    a.Slug,
		fieldLang:    string(a.Lang),
		fieldTitle:   a.Title,
		fieldHeading: s.Heading,
		fieldAnchor:  s.Anchor,
		fieldMD:      s.Text,
		fieldHeadS:   head,
		fieldHeadL:   head,
		fieldTextS:   plain,
		fieldTextL:   plain,
	}
}
