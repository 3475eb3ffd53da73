package kb

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

func TestFirstPass(t *testing.T) {
	tests := []struct {
		name    string
		dfs     []uint64
		n       uint64
		want    []reach
		wantCut bool
	}{
		{"small index searched in full", []uint64{900, 10}, 1000, []reach{reachAll, reachAll}, false},
		{"rare words in full", []uint64{10, 500}, 100000, []reach{reachAll, reachAll}, false},
		{"common word in heads", []uint64{10, 8000}, 100000, []reach{reachAll, reachHead}, true},
		{"very common word left out", []uint64{10, 50000}, 100000, []reach{reachAll, reachNone}, true},
		{"rarest found word kept", []uint64{0, 50000, 90000}, 100000, []reach{reachAll, reachHead, reachNone}, true},
		{"common but few sections", []uint64{10, 900}, 2000, []reach{reachAll, reachAll}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cut := firstPass(tt.dfs, tt.n)
			if !slices.Equal(got, tt.want) || cut != tt.wantCut {
				t.Errorf("firstPass = %v, %v, want %v, %v", got, cut, tt.want, tt.wantCut)
			}
		})
	}
	if got := widen([]reach{reachAll, reachHead, reachNone}); !slices.Equal(got, []reach{reachAll, reachAll, reachHead}) {
		t.Errorf("widen = %v", got)
	}
}

// TestCommonWords searches an index large enough for the first pass to
// leave common words out of the text search.
func TestCommonWords(t *testing.T) {
	ctx := context.Background()
	ix, err := Open("", Options{Synonyms: &Synonyms{}})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var articles []Article
	for i := range 1200 {
		body := fmt.Sprintf("Fakturaen for måned %d kommer på e-post.", i)
		if i == 700 {
			body = "Fakturaen kommer på e-post. Purregebyret er 35 kroner."
		}
		articles = append(articles, art(fmt.Sprintf("a%d", i), fmt.Sprintf("Sak %d", i), body))
	}
	articles = append(articles, art("faktura", "Om fakturaen", "Les mer om fakturaen her."))
	if err := ix.Rebuild(ctx, articles, "1", nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, query, want string
	}{
		{"rare word decides", "Hva er purregebyret på fakturaen?", "a700"},
		{"only common words: title first", "fakturaen", "faktura"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := mustSearch(t, ix, tt.query)
			if len(hits) == 0 || hits[0].Slug != tt.want {
				t.Fatalf("hits = %v, want %s first", slugs(hits), tt.want)
			}
			if hits[0].Coverage != 1 {
				t.Errorf("coverage = %v (matched %v), want 1", hits[0].Coverage, hits[0].Matched)
			}
		})
	}
	// A common word found in no head falls back to the text.
	hits := mustSearch(t, ix, "e-post")
	if len(hits) < 5 {
		t.Errorf("common word in text only found %d hits, want at least 5", len(hits))
	}
}
