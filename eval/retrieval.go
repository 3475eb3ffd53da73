package eval

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
)

// Report is the outcome of a retrieval evaluation: Los's figures, and the
// same figures for plain Bleve match queries as baselines ("standard":
// Bleve's standard analyzer, "norwegian": Bleve's Norwegian analyzer).
type Report struct {
	Metrics
	Baselines map[string]Metrics `json:"baselines"`
}

// Retrieval indexes the distinct passages of the NorQuAD-format file at
// path in a temporary in-memory index, asks every question, and scores
// whether each question's own passage comes back.
func Retrieval(ctx context.Context, path string) (Report, error) {
	ds, err := LoadNorQuAD(path)
	if err != nil {
		return Report{}, err
	}
	return RetrievalDataset(ctx, ds, kb.Options{})
}

// RetrievalDataset is Retrieval on a loaded data set, with Los's index
// opened with opts.
func RetrievalDataset(ctx context.Context, ds Dataset, opts kb.Options) (Report, error) {
	los, err := runLos(ctx, ds, opts)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Metrics: los, Baselines: map[string]Metrics{}}
	for name, analyzer := range map[string]string{"standard": standard.Name, "norwegian": no.AnalyzerName} {
		m, err := runBaseline(ctx, ds, analyzer)
		if err != nil {
			return Report{}, fmt.Errorf("baseline %s: %w", name, err)
		}
		rep.Baselines[name] = m
	}
	return rep, nil
}

// PassageArticle turns a passage into an article: its first line (the
// headline of news and encyclopedia passages) is the title.
func PassageArticle(text string) kb.Article {
	title, body, _ := strings.Cut(strings.TrimSpace(text), "\n")
	if strings.TrimSpace(body) == "" {
		body = title
	}
	return kb.Article{Slug: passageID(text), Title: strings.TrimSpace(title), Body: body,
		Lang: los.Bokmal, Published: true}
}

func runLos(ctx context.Context, ds Dataset, opts kb.Options) (Metrics, error) {
	ix, err := kb.Open("", opts)
	if err != nil {
		return Metrics{}, err
	}
	defer ix.Close()
	articles := make([]kb.Article, len(ds.Passages))
	for i, p := range ds.Passages {
		articles[i] = PassageArticle(p)
	}
	if err := ix.Rebuild(ctx, articles, "eval", nil); err != nil {
		return Metrics{}, err
	}
	var t tally
	for _, q := range ds.Questions {
		hits, err := ix.Search(ctx, q.Text, kb.SearchOptions{Limit: 10})
		if err != nil {
			return Metrics{}, err
		}
		var ids []string
		for _, h := range hits {
			if rankOf(ids, h.Slug) == 0 {
				ids = append(ids, h.Slug)
			}
		}
		t.add(rankOf(ids, articles[q.Passage].Slug))
	}
	return t.metrics(), nil
}

// runBaseline is a plain Bleve match query over one text field.
func runBaseline(ctx context.Context, ds Dataset, analyzer string) (Metrics, error) {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = analyzer
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		return Metrics{}, err
	}
	defer idx.Close()
	b := idx.NewBatch()
	for i, p := range ds.Passages {
		if err := b.Index(fmt.Sprint(i), map[string]any{"text": p}); err != nil {
			return Metrics{}, err
		}
	}
	if err := idx.Batch(b); err != nil {
		return Metrics{}, err
	}
	var t tally
	for _, q := range ds.Questions {
		mq := bleve.NewMatchQuery(q.Text)
		mq.SetField("text")
		res, err := idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(mq, 10, 0, false))
		if err != nil {
			return Metrics{}, err
		}
		ids := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = h.ID
		}
		t.add(rankOf(ids, fmt.Sprint(q.Passage)))
	}
	return t.metrics(), nil
}
