package kb

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/los-bot/los"
)

// memIndex builds an in-memory index of articles, closed when the test
// ends.
func memIndex(t testing.TB, opts Options, articles ...Article) *Index {
	t.Helper()
	ix, err := Open("", opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Rebuild(context.Background(), articles, "1", nil); err != nil {
		t.Fatal(err)
	}
	return ix
}

func art(slug, title, body string) Article {
	return Article{Slug: slug, Title: title, Body: body, Lang: los.Bokmal, Published: true}
}

var testArticles = []Article{
	art("endre-fakturaadresse", "Endre fakturaadresse", "Du endrer fakturaadressen på Min side.\n\n## Per telefon\nRing kundeservice, så endrer vi adressen."),
	art("stromstotte", "Strømstøtte", "Strømstøtten trekkes fra på fakturaen automatisk."),
	{Slug: "utkast", Title: "Hemmelig utkast", Body: "Dette utkastet om fakturaadresse er ikke publisert.", Lang: los.Bokmal},
	{Slug: "rekning", Title: "Rekninga", Body: "Rekninga kjem kvar månad.", Lang: los.Nynorsk, Published: true},
}

func slugs(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Slug)
	}
	return out
}

func mustSearch(t *testing.T, ix *Index, q string) []Hit {
	t.Helper()
	hits, err := ix.Search(context.Background(), q, SearchOptions{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

func TestRebuildStampAndReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index")
	ix, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := ix.Stamp(); got != "" {
		t.Errorf("new index stamp = %q, want empty", got)
	}
	var calls [][2]int
	if err := ix.Rebuild(ctx, testArticles, "rev-7", func(done, total int) { calls = append(calls, [2]int{done, total}) }); err != nil {
		t.Fatal(err)
	}
	if len(calls) < 2 || calls[0] != [2]int{0, 4} || calls[len(calls)-1] != [2]int{4, 4} {
		t.Errorf("progress calls = %v, want from {0 4} to {4 4}", calls)
	}
	if got := ix.Stamp(); got != "rev-7" {
		t.Errorf("stamp = %q, want rev-7", got)
	}
	if n, _ := ix.Len(); n != 4 {
		t.Errorf("Len = %d sections, want 4 (drafts left out)", n)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".new"); !os.IsNotExist(err) {
		t.Errorf("temporary build directory left behind: %v", err)
	}

	ix, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got := ix.Stamp(); got != "rev-7" {
		t.Errorf("stamp after reopen = %q, want rev-7", got)
	}
	hits := mustSearch(t, ix, "Hvordan endrer jeg fakturaadressen?")
	if len(hits) == 0 || hits[0].Slug != "endre-fakturaadresse" {
		t.Errorf("after reopen hits = %v, want endre-fakturaadresse first", slugs(hits))
	}
}

func TestRebuildFailureKeepsOldIndex(t *testing.T) {
	ctx := context.Background()
	ix, err := Open(filepath.Join(t.TempDir(), "index"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Rebuild(ctx, testArticles, "one", nil); err != nil {
		t.Fatal(err)
	}
	bad := append([]Article{}, testArticles...)
	bad = append(bad, art("Bad Slug", "x", "y"))
	if err := ix.Rebuild(ctx, bad, "two", nil); err == nil {
		t.Fatal("Rebuild with an invalid article: no error")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := ix.Rebuild(cancelled, testArticles[:1], "three", nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("Rebuild with cancelled context: err = %v, want context.Canceled", err)
	}
	if got := ix.Stamp(); got != "one" {
		t.Errorf("stamp = %q after failed rebuilds, want one", got)
	}
	if hits := mustSearch(t, ix, "strømstøtte"); len(hits) == 0 {
		t.Error("old index lost after failed rebuilds")
	}
}

func TestCorruptIndex(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(t *testing.T, path string)
	}{
		{"garbage meta", func(t *testing.T, path string) {
			if err := os.WriteFile(filepath.Join(path, "index_meta.json"), []byte("{nonsense"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"meta missing", func(t *testing.T, path string) {
			if err := os.Remove(filepath.Join(path, "index_meta.json")); err != nil {
				t.Fatal(err)
			}
		}},
		{"store truncated", func(t *testing.T, path string) {
			files, _ := filepath.Glob(filepath.Join(path, "store", "*"))
			if len(files) == 0 {
				t.Fatal("no store files")
			}
			for _, f := range files {
				if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "index")
			ix, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := ix.Rebuild(ctx, testArticles, "rev-1", nil); err != nil {
				t.Fatal(err)
			}
			ix.Close()
			tt.corrupt(t, path)

			if ix, err := Open(path, Options{}); !errors.Is(err, ErrCorrupt) {
				if ix != nil {
					ix.Close()
				}
				t.Fatalf("Open of a corrupt index: err = %v, want ErrCorrupt", err)
			}
			load := func(context.Context) ([]Article, error) { return testArticles, nil }
			ix, err = Ensure(ctx, path, Options{}, "rev-1", load, nil)
			if err != nil {
				t.Fatalf("Ensure: %v", err)
			}
			defer ix.Close()
			if got := ix.Stamp(); got != "rev-1" {
				t.Errorf("stamp after recovery = %q, want rev-1", got)
			}
			if hits := mustSearch(t, ix, "strømstøtte"); len(hits) == 0 || hits[0].Slug != "stromstotte" {
				t.Errorf("after recovery hits = %v, want stromstotte", slugs(hits))
			}
		})
	}
}

func TestEnsureRebuildsOnlyWhenStale(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index")
	loads := 0
	load := func(context.Context) ([]Article, error) { loads++; return testArticles, nil }
	for i, stamp := range []string{"a", "a", "b"} {
		ix, err := Ensure(ctx, path, Options{}, stamp, load, nil)
		if err != nil {
			t.Fatal(err)
		}
		if ix.Stamp() != stamp {
			t.Errorf("round %d: stamp %q, want %q", i, ix.Stamp(), stamp)
		}
		ix.Close()
	}
	if loads != 2 {
		t.Errorf("articles loaded %d times, want 2 (fresh index, then stale stamp)", loads)
	}
}
