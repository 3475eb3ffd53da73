package kb

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/los-bot/los"
)

// SearchOptions tune one search.
type SearchOptions struct {
	// Limit is the number of hits wanted; 0 means 5.
	Limit int
	// Lang, when set, ranks sections in that written standard a little
	// higher; sections in other standards are still returned, unless the
	// article has a published twin in Lang: then the twin's best section
	// takes its place.
	Lang los.Standard
	// Context holds earlier messages of the conversation that the
	// question builds on ("og hva koster den?"): their words are searched
	// too, counting less than the question's (see context.go).
	Context string
	// Prior lists articles already cited for the conversation's topic,
	// whose sections rank higher.
	Prior []string
}

// Hit is one section found by Search.
type Hit struct {
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Heading string `json:"heading"`
	Anchor  string `json:"anchor,omitempty"`
	Text    string `json:"text"` // the section's Markdown
	// Passage is the part of Text that answers the question (see
	// passage.go), in Markdown: what an extractive answer quotes.
	Passage string       `json:"passage,omitempty"`
	Lang    los.Standard `json:"lang"`
	// Group is the article's translation group, "" when it has no twins.
	// A hit in the standard SearchOptions.Lang asked for may come from the
	// twin of the article that matched: see twins.go.
	Group string `json:"group,omitempty"`
	// Score ranks hits within one search; it is not comparable across
	// searches. Use Coverage (or Relevant) to judge a hit on its own.
	Score float64 `json:"score"`
	// Coverage is the share of the question's content words (stop words
	// and question words left out) found in the section, directly,
	// through a synonym, as the last part of a compound or, for a word
	// the index lacks, spelt one letter differently: 0 to 1. Unlike Score
	// it can be compared across questions: see Relevant.
	Coverage float64 `json:"coverage"`
	// Confidence is how sure Search is that the hit's article answers the
	// question: the best judgement (see relevance.go) of its sections
	// among the hits. Compare it across questions; see Relevant.
	Confidence float64 `json:"confidence"`
	// Matched lists the question's content words found in the section.
	Matched []string `json:"matched,omitempty"`
	// Weight is Coverage with each word weighted by how rare it is among
	// the sections (its inverse document frequency; a word no section
	// holds weighs most): a question whose rarest words the section
	// lacks is likely about something else.
	Weight float64 `json:"weight"`

	id    string // section ID in the index
	found found  // the question's words in the section
	// parts are the section's sentences, items and rows, scored; nil
	// until needed (see hitUnits).
	parts    []unit
	bestPart int
}

// Query is a question as the index understands it.
type Query struct {
	// Terms are the question's content words.
	Terms []string `json:"terms"`
	// Synonyms are the synonym groups applied to the question.
	Synonyms []Expansion `json:"synonyms,omitempty"`
}

// Analyze shows how Search reads a question: its content words and the
// synonyms it adds. It does no I/O.
func (ix *Index) Analyze(q string) Query {
	p := analyze(q, ix.syn.Load())
	return Query{Terms: p.words, Synonyms: p.exps}
}

// Search finds the sections that best answer q, best first. A question
// without content words finds nothing. When no section answers the
// whole message and part of it is the question (see focus), that part
// is searched alone.
func (ix *Index) Search(ctx context.Context, q string, opts SearchOptions) ([]Hit, error) {
	hits, unknown, err := ix.search(ctx, q, opts)
	if err != nil || unknown || len(hits) > 0 && hits[0].Relevant() {
		// A question about something no section names ("Selger dere
		// varmepumper? Hva koster de?") is not asked again in part.
		return hits, err
	}
	if f := focus(q); f != "" {
		if fh, _, err := ix.search(ctx, f, opts); err == nil && len(fh) > 0 && fh[0].Confidence >= focusMin {
			return fh, nil
		}
	}
	return hits, nil
}

// focusMin is the Confidence the part that asks must reach to answer for
// the whole message, above DefaultMinRelevance: the part has lost the
// words that might have told an out-of-scope question apart.
const focusMin = 0.4

// search is Search without the second try; unknown reports that q asks
// whether the company offers something no section names (offer.go).
func (ix *Index) search(ctx context.Context, q string, opts SearchOptions) (hits []Hit, unknown bool, err error) {
	limit := opts.Limit
	if limit <= 0 {
		limit = 5
	}
	syns := ix.synonymsFor(opts.Lang)
	p := analyze(q, syns...)
	p.translated = opts.Lang == los.English
	if len(p.words) == 0 && opts.Context == "" {
		return nil, false, ctx.Err()
	}
	p = addContext(p, opts.Context, syns)
	if len(p.words) == 0 {
		return nil, false, ctx.Err()
	}
	window := max(limit, rerankWindow)

	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.idx == nil {
		return nil, false, bleve.ErrorIndexClosed
	}
	dfs, n := docFreqs(ctx, ix.idx, p)
	candidate := offerCandidate(q, p, dfs)
	if p, dfs = ix.repair(p, dfs); len(p.words) == 0 {
		return nil, false, ctx.Err()
	}
	unknown = ix.unknownOffer(ctx, candidate, p)
	reaches, cut := firstPass(dfs, n)
	ix.expand(p, dfs, reaches)
	// Rank by score alone, then load the stored fields of the first hits
	// only. Common words are looked for in the heads only, unless that
	// finds too little.
	withAsk := ix.hasAsk.Load()
	res, err := ix.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(p.query(reaches, withAsk), window, 0, false))
	if err == nil && cut && len(res.Hits) < limit {
		res, err = ix.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(p.query(widen(reaches), withAsk), window, 0, false))
	}
	if err != nil {
		return nil, false, fmt.Errorf("kb: search: %w", err)
	}
	if len(res.Hits) == 0 && ix.embedder == nil {
		return nil, false, nil
	}
	m := newMatcher(p, ix.forms)
	hits, err = ix.load(ctx, m, res.Hits)
	if err != nil {
		return nil, false, err
	}
	idf := idfs(dfs, n)
	favourPrior(hits, opts.Prior)
	rerank(hits, m, idf, opts.Lang)
	if ix.embedder != nil {
		// Without embeddings (Ollama down, model missing) the text
		// ranking stands: search never fails for want of a vector.
		if fused, err := ix.fuse(ctx, q, m, hits, window); err == nil {
			hits = fused
		} else {
			ix.embedFailed(err)
		}
	}
	setConfidence(hits)
	trustPrior(hits, opts.Prior)
	if unknown {
		for i := range hits {
			hits[i].Confidence = min(hits[i].Confidence, unknownOfferConfidence)
		}
	}
	if opts.Lang != "" {
		if hits, err = ix.preferTwins(ctx, m, hits, opts.Lang); err != nil {
			return nil, false, err
		}
	}
	preferStandard(hits, opts.Lang)
	hits = m.chooseSection(hits, idf)
	if len(hits) > limit {
		hits = hits[:limit]
	}
	for i := range hits {
		hits[i].Passage = m.passage(&hits[i], idf)
		hits[i].found, hits[i].parts = found{}, nil
	}
	return hits, unknown, nil
}

// load reads the stored fields of the given sections and finds the
// question's words in them. Hits keep the order and scores of first.
func (ix *Index) load(ctx context.Context, m *matcher, first []*search.DocumentMatch) ([]Hit, error) {
	hits := make([]Hit, 0, len(first))
	for _, d := range first {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		doc, err := ix.idx.Document(d.ID)
		if err != nil {
			return nil, fmt.Errorf("kb: load %s: %w", d.ID, err)
		}
		if doc == nil {
			continue // deleted since the search
		}
		h := toHit(storedDoc(doc), m)
		h.id, h.Score = d.ID, d.Score
		hits = append(hits, h)
	}
	return hits, nil
}

// storedDoc returns the stored field of a section's document.
func storedDoc(doc index.Document) string {
	var stored string
	doc.VisitFields(func(f index.Field) {
		if f.Name() == fieldDoc {
			stored = string(f.Value())
		}
	})
	return stored
}

// toHit makes a hit of a stored section, with its Coverage of the
// question.
func toHit(stored string, m *matcher) Hit {
	h, tags, ask := decodeDoc(stored)
	h.found = m.scan(h.Title+"\n"+h.Heading+"\n"+tags+"\n"+ask, plainText(h.Text))
	var got, all float64
	for g, ok := range m.groups(h.found) {
		w := m.p.weight(g)
		all += w
		if ok {
			got += w
			h.Matched = append(h.Matched, m.p.words[g])
		}
	}
	h.Coverage = got / all
	return h
}
