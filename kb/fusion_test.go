package kb

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// fakeEmbedder places texts about dogs ("hund", "bikkje") on one axis and
// everything else on another, and counts the texts it embeds.
type fakeEmbedder struct {
	mu    sync.Mutex
	texts int
}

func (f *fakeEmbedder) Embed(_ context.Context, texts []string) ([][]float32, error) {
	f.mu.Lock()
	f.texts += len(texts)
	f.mu.Unlock()
	out := make([][]float32, len(texts))
	for i, t := range texts {
		t = strings.ToLower(t)
		if strings.Contains(t, "hund") || strings.Contains(t, "bikkje") {
			out[i] = []float32{3, 0.1}
		} else {
			out[i] = []float32{0.1, 2}
		}
	}
	return out, nil
}

var _ Embedder = (*fakeEmbedder)(nil)

func TestHybridSearch(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index")
	emb := &fakeEmbedder{}
	articles := []Article{
		art("hund", "Hund i leiligheten", "Du kan ha hund i leiligheten."),
		art("katt", "Katt", "Katter er velkomne."),
		art("parkering", "Parkering", "Parkering koster 20 kroner."),
	}
	ix, err := Open(path, Options{Embedder: emb})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Rebuild(ctx, articles, "1", nil); err != nil {
		t.Fatal(err)
	}
	if emb.texts != 3 {
		t.Errorf("embedded %d texts at rebuild, want 3", emb.texts)
	}
	// "bikkje" is not in any article: only the vector ranking finds it.
	hits, err := ix.Search(ctx, "kan jeg ha bikkje", SearchOptions{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].Slug != "hund" {
		t.Fatalf("hybrid hits = %v, want hund first", slugs(hits))
	}
	if hits[0].Text == "" {
		t.Error("vector-only hit lacks its text")
	}

	// Unchanged sections are not embedded again; a changed one is.
	emb.texts = 0
	if err := ix.Rebuild(ctx, articles, "2", nil); err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(ctx, art("katt", "Katt", "Katter og hunder er velkomne.")); err != nil {
		t.Fatal(err)
	}
	if emb.texts != 1 {
		t.Errorf("embedded %d texts after rebuild and one changed article, want 1", emb.texts)
	}
	ix.Close()

	// Vectors are kept in the index: a reopened index needs no rebuild.
	ix, err = Open(path, Options{Embedder: emb})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	hits, err = ix.Search(ctx, "bikkje", SearchOptions{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) < 2 || hits[0].Slug != "hund" && hits[0].Slug != "katt" {
		t.Errorf("after reopen hits = %v, want the dog articles first", slugs(hits))
	}
	if err := ix.Delete(ctx, "hund"); err != nil {
		t.Fatal(err)
	}
	hits, _ = ix.Search(ctx, "bikkje", SearchOptions{Limit: 3})
	for _, h := range hits {
		if h.Slug == "hund" {
			t.Error("deleted article still found by vector")
		}
	}
}

// downEmbedder fails like an Ollama that is not running.
type downEmbedder struct{}

func (downEmbedder) Embed(context.Context, []string) ([][]float32, error) {
	return nil, errors.New("dial tcp 127.0.0.1:11434: connect: connection refused")
}

func TestEmbedderDownKeepsKeywordSearch(t *testing.T) {
	ctx := context.Background()
	var reported []error
	ix, err := Open("", Options{Embedder: downEmbedder{}, OnEmbedError: func(err error) { reported = append(reported, err) }})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	articles := []Article{art("parkering", "Parkering", "Parkering koster 20 kroner."), art("katt", "Katt", "Katter er velkomne.")}
	if err := ix.Rebuild(ctx, articles, "1", nil); err != nil {
		t.Fatalf("rebuild failed because embeddings did: %v", err)
	}
	if err := ix.Put(ctx, art("hund", "Hund", "Hunder er velkomne.")); err != nil {
		t.Fatalf("put failed because embeddings did: %v", err)
	}
	hits, err := ix.Search(ctx, "hva koster parkering", SearchOptions{Limit: 3})
	if err != nil {
		t.Fatalf("search failed because embeddings did: %v", err)
	}
	if len(hits) == 0 || hits[0].Slug != "parkering" {
		t.Errorf("hits = %v, want parkering first by keywords", slugs(hits))
	}
	if len(reported) != 3 {
		t.Errorf("OnEmbedError heard %d failures, want 3 (rebuild, put, search)", len(reported))
	}
}
