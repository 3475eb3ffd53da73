package kb

import (
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/los-bot/los"
)

// schemaVersion changes whenever the mapping or the analyzers change, so
// that an index built by an older Los is seen as stale and rebuilt.
const schemaVersion = "los-kb-6"

// Field names of a section document.
const (
	fieldSlug  = "slug"   // keyword, for Put and Delete
	fieldLang  = "lang"   // keyword
	fieldGroup = "group"  // keyword: the translation group, see twins.go
	fieldDoc   = "doc"    // stored only: the section's fields, see encodeDoc
	fieldHeadS = "head_s" // title, heading and tags, stemmed
	fieldHeadL = "head_l" // title, heading and tags, light
	fieldTextS = "text_s" // section text, stemmed
	fieldTextL = "text_l" // section text, light
	fieldAskS  = "ask_s"  // the article's example questions given to the section, stemmed
	fieldAskL  = "ask_l"  // the same, light
)

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
		f.Analyzer, f.Store, f.IncludeInAll, f.IncludeTermVectors, f.DocValues = analyzer, false, false, false, false
		return f
	}
	add := func(name string, f *mapping.FieldMapping) { doc.AddFieldMappingsAt(name, f) }
	add(fieldSlug, keyword(false))
	add(fieldLang, keyword(false))
	add(fieldGroup, keyword(false))
	add(fieldDoc, storedOnly())
	add(fieldHeadS, searched(analyzerStem))
	add(fieldHeadL, searched(analyzerLight))
	add(fieldTextS, searched(analyzerStem))
	add(fieldTextL, searched(analyzerLight))
	add(fieldAskS, searched(analyzerStem))
	add(fieldAskL, searched(analyzerLight))

	im := bleve.NewIndexMapping()
	im.DefaultMapping = doc
	im.DefaultAnalyzer = analyzerStem
	im.StoreDynamic, im.IndexDynamic, im.DocValuesDynamic = false, false, false
	im.ScoringModel = index.BM25Scoring
	return im
}

// sectionDocs returns the index documents of an article's sections, by
// section ID.
func sectionDocs(a Article) ([]Section, []map[string]any) {
	secs := a.Sections()
	asks := assignQuestions(a, secs)
	docs := make([]map[string]any, len(secs))
	for i, s := range secs {
		docs[i] = sectionDoc(a, s, asks[i])
	}
	return secs, docs
}

// sectionDoc is what the index stores for one section, given the
// example questions it answers.
func sectionDoc(a Article, s Section, asks []string) map[string]any {
	head := a.Title
	if s.Heading != a.Title {
		head += "\n" + s.Heading
	}
	for _, t := range a.Tags {
		head += "\n" + t
	}
	plain := plainText(s.Text)
	ask := strings.Join(asks, "\n")
	doc := map[string]any{
		fieldSlug:  a.Slug,
		fieldLang:  string(a.Lang),
		fieldDoc:   encodeDoc(a, s, ask),
		fieldHeadS: head,
		fieldHeadL: head,
		fieldTextS: plain,
		fieldTextL: plain,
	}
	if ask != "" {
		doc[fieldAskS], doc[fieldAskL] = ask, ask
	}
	if a.Group != "" {
		doc[fieldGroup] = a.Group
	}
	return doc
}

// encodeDoc packs what a hit shows of a section into one stored field,
// which loads faster than one field each: slug, lang, title, heading,
// anchor, tags (one a line), example questions (one a line) and group,
// each followed by a NUL byte, then the Markdown.
func encodeDoc(a Article, s Section, ask string) string {
	var b strings.Builder
	for _, f := range []string{a.Slug, string(a.Lang), a.Title, s.Heading, s.Anchor, strings.Join(a.Tags, "\n"), ask, a.Group} {
		b.WriteString(strings.ReplaceAll(f, "\x00", ""))
		b.WriteByte(0)
	}
	b.WriteString(s.Text)
	return b.String()
}

// decodeDoc unpacks a stored section into a hit, and returns its tags
// and example questions.
func decodeDoc(doc string) (h Hit, tags, ask string) {
	var f [8]string
	for i := range f {
		f[i], doc, _ = strings.Cut(doc, "\x00")
	}
	return Hit{Slug: f[0], Lang: los.Standard(f[1]), Title: f[2], Heading: f[3], Anchor: f[4], Group: f[7], Text: doc}, f[5], f[6]
}
