package main

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/los-bot/los/internal/ollamatest"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/ollama"
	"github.com/los-bot/los/store"
)

// demoSubset is a part of the demo knowledge base, enough for the
// mechanics of hybrid search at a fraction of the embedding work.
func demoSubset(t *testing.T) []kb.Article {
	t.Helper()
	all, err := kb.Demo()
	if err != nil {
		t.Fatal(err)
	}
	keep := map[string]bool{"endre-fakturaadresse": true, "endre-rekningsadresse": true, "efaktura": true,
		"avtalegiro": true, "melde-flytting": true, "straumbrot-kompensasjon": true, "nettleie-forklart": true,
		"oppsigelse-og-bindingstid": true, "apningstider-og-kontakt": true, "contact-and-opening-hours": true}
	var out []kb.Article
	for _, a := range all {
		if keep[a.Slug] {
			out = append(out, a)
		}
	}
	if len(out) != len(keep) {
		t.Fatalf("the demo has %d of the %d articles the test uses", len(out), len(keep))
	}
	return out
}

// embedModel creates a variant of the tiny model for embeddings that reads
// at most 64 tokens of a text (the server truncates longer ones): a third
// of the work of embedding the sections whole, and the mechanics are the
// same.
func embedModel(t *testing.T, srv *ollamatest.Server) string {
	return tinyModel(t, srv, "tiny-embed", map[string]any{"num_ctx": 64})
}

// recorder is a kb.Embedder that counts the texts it embeds and keeps
// every vector it returned.
type recorder struct {
	next kb.Embedder

	mu    sync.Mutex
	texts int
	calls int
	vecs  map[string][]float32
}

func (r *recorder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out, err := r.next.Embed(ctx, texts)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	r.texts += len(texts)
	if r.vecs == nil {
		r.vecs = map[string][]float32{}
	}
	for i, v := range out {
		r.vecs[texts[i]] = v
	}
	return out, err
}

func (r *recorder) take() (calls, texts int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	calls, texts = r.calls, r.texts
	r.calls, r.texts = 0, 0
	return calls, texts
}

// TestHybridIndexEmbedsOnce: sections are embedded when indexed, and not
// again while their text stays the same: not on a second rebuild, not after
// reopening the index, and only the changed section on an edit.
func TestHybridIndexEmbedsOnce(t *testing.T) {
	srv := ollamatest.Start(t)
	ctx := context.Background()
	articles := demoSubset(t)
	sections := 0
	for _, a := range articles {
		if a.Published {
			sections += len(a.Sections())
		}
	}
	path := filepath.Join(t.TempDir(), "index")
	rec := &recorder{next: ollama.NewEmbedder(ollama.Wrap(srv.Client), embedModel(t, srv))}
	ix, err := kb.Open(path, kb.Options{Embedder: rec})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Rebuild(ctx, articles, "1", nil); err != nil {
		t.Fatal(err)
	}
	if calls, texts := rec.take(); texts != sections || calls == 0 {
		t.Errorf("first build embedded %d texts in %d calls, want all %d sections", texts, calls, sections)
	}
	if err := ix.Rebuild(ctx, articles, "2", nil); err != nil {
		t.Fatal(err)
	}
	if calls, texts := rec.take(); calls != 0 {
		t.Errorf("second build of unchanged articles embedded %d texts in %d calls, want none", texts, calls)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	if ix, err = kb.Open(path, kb.Options{Embedder: rec}); err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Rebuild(ctx, articles, "3", nil); err != nil {
		t.Fatal(err)
	}
	if calls, texts := rec.take(); calls != 0 {
		t.Errorf("rebuild after reopening embedded %d texts in %d calls, want none: vectors are stored", texts, calls)
	}

	edited := articles[0]
	edited.Body += "\n\nEn ny setning om fakturaer."
	if err := ix.Put(ctx, edited); err != nil {
		t.Fatal(err)
	}
	if _, texts := rec.take(); texts != 1 {
		t.Errorf("editing one section embedded %d texts, want 1", texts)
	}

	hits, err := ix.Search(ctx, "Hvordan endrer jeg fakturaadressen min?", kb.SearchOptions{Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if calls, texts := rec.take(); calls != 1 || texts != 1 {
		t.Errorf("a search embedded %d texts in %d calls, want the question alone", texts, calls)
	}
	if len(hits) == 0 {
		t.Error("hybrid search found nothing")
	}
}

// TestHybridSearchFuses checks the fusion the kb package documents: each
// section scores the sum of 1/(60+rank) over the text ranking and the
// vector ranking of the question. Asking for every section makes both
// rankings complete (kb cuts them to a window otherwise), so the expected
// result can be computed here from a keyword-only index and the very
// vectors the tiny model returned. Whether fusion helps is not the
// question: the tiny model's vectors mean nothing.
func TestHybridSearchFuses(t *testing.T) {
	srv := ollamatest.Start(t)
	ctx := context.Background()
	articles := demoSubset(t)
	rec := &recorder{next: ollama.NewEmbedder(ollama.Wrap(srv.Client), embedModel(t, srv))}
	hybrid := openBuilt(t, articles, kb.Options{Embedder: rec})
	plain := openBuilt(t, articles, kb.Options{})

	// kb embeds "title\nheading\nplain text" per section; the first two
	// lines tell which section a recorded vector belongs to.
	type section struct {
		id  string
		vec []float32
	}
	byLines := map[string]*section{}    // title + heading
	bySlugText := map[string]*section{} // how a hit names its section
	for _, a := range articles {
		for _, s := range a.Sections() {
			key := a.Title + "\n" + s.Heading
			if byLines[key] != nil {
				t.Fatalf("two sections are %q; the test cannot tell their vectors apart", key)
			}
			sec := &section{id: s.ID()}
			byLines[key], bySlugText[a.Slug+"\x00"+s.Text] = sec, sec
		}
	}
	for text, v := range rec.vecs {
		if lines := strings.SplitN(text, "\n", 3); len(lines) == 3 && byLines[lines[0]+"\n"+lines[1]] != nil {
			byLines[lines[0]+"\n"+lines[1]].vec = v
		}
	}

	for _, q := range []string{"Hvordan endrer jeg fakturaadressen min?", "strømbrudd i området", "flytte og si opp avtalen"} {
		t.Run(q, func(t *testing.T) {
			const every = 1000
			got, err := hybrid.Search(ctx, q, kb.SearchOptions{Limit: every})
			if err != nil {
				t.Fatal(err)
			}
			text, err := plain.Search(ctx, q, kb.SearchOptions{Limit: every})
			if err != nil {
				t.Fatal(err)
			}
			// Search puts the section of the first article that answers
			// best first (kb/sectionchoice.go), each keeping its score: the
			// fusion is checked on the rankings by score.
			byScore := func(hs []kb.Hit) {
				sort.SliceStable(hs, func(i, j int) bool { return hs[i].Score > hs[j].Score })
			}
			byScore(got)
			byScore(text)
			qv := rec.vecs[q]
			if qv == nil {
				t.Fatal("the question was not embedded")
			}
			// The text ranking orders sections of equal score in no fixed
			// way (the nb and nn versions of an article often tie), so a
			// section may take any rank within its tie.
			ties := map[string][2]int{} // section -> first and last rank of its tie
			for r := 0; r < len(text); {
				end := r
				for end+1 < len(text) && text[end+1].Score == text[r].Score {
					end++
				}
				for k := r; k <= end; k++ {
					ties[bySlugText[text[k].Slug+"\x00"+text[k].Text].id] = [2]int{r, end}
				}
				r = end + 1
			}
			type near struct {
				id  string
				sim float32
			}
			var all []near
			for _, sec := range bySlugText {
				if sec.vec != nil {
					all = append(all, near{sec.id, dot32(unit32(qv), unit32(sec.vec))})
				}
			}
			sort.Slice(all, func(i, j int) bool {
				if all[i].sim != all[j].sim {
					return all[i].sim > all[j].sim
				}
				return all[i].id < all[j].id
			})
			vecPart := map[string]float64{}
			for r, n := range all {
				vecPart[n.id] = 1 / float64(60+r+1)
			}
			ranked := map[string]bool{}
			for id := range ties {
				ranked[id] = true
			}
			for id := range vecPart {
				ranked[id] = true
			}
			if len(got) != len(ranked) {
				t.Fatalf("%d hits, want every one of the %d sections ranked", len(got), len(ranked))
			}
			ids := make([]string, len(got))
			for i, h := range got {
				sec := bySlugText[h.Slug+"\x00"+h.Text]
				if sec == nil {
					t.Fatalf("hit %d (%s) is no section of the articles", i, h.Slug)
				}
				ids[i] = sec.id
				textPart, ok := h.Score-vecPart[sec.id], false
				if tie, in := ties[sec.id]; in {
					for r := tie[0]; r <= tie[1]; r++ {
						ok = ok || math.Abs(textPart-1/float64(60+r+1)) < 1e-12
					}
				} else {
					ok = math.Abs(textPart) < 1e-12
				}
				if !ok {
					t.Errorf("hit %d %s scores %.6f: not 1/(60+text rank) + 1/(60+vector rank); text ranks %v, vector part %.6f",
						i, sec.id, h.Score, ties[sec.id], vecPart[sec.id])
				}
				if i > 0 && (h.Score > got[i-1].Score || h.Score == got[i-1].Score && ids[i] < ids[i-1]) {
					t.Errorf("hit %d %s is out of order after %s", i, ids[i], ids[i-1])
				}
			}
			differs := false
			for i := range min(5, len(text)) {
				differs = differs || text[i].Slug+text[i].Anchor != got[i].Slug+got[i].Anchor
			}
			t.Logf("top 5 differ from the keyword search: %v; similarities %.3f to %.3f", differs, all[len(all)-1].sim, all[0].sim)
		})
	}
}

func openBuilt(t *testing.T, articles []kb.Article, opts kb.Options) *kb.Index {
	t.Helper()
	ix, err := kb.Open(filepath.Join(t.TempDir(), "index"), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Rebuild(context.Background(), articles, "1", nil); err != nil {
		t.Fatal(err)
	}
	return ix
}

// unit32 and dot32 compute as kb does, in float32: the tiny model's
// vectors are so alike that float64 arithmetic would rank them otherwise.
func unit32(v []float32) []float32 {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	inv := float32(1 / math.Sqrt(sum))
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = x * inv
	}
	return out
}

func dot32(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// seededData returns a data directory whose store holds articles, so that
// Los indexes them instead of the whole demo knowledge base.
func seededData(t *testing.T, articles []kb.Article) string {
	t.Helper()
	dir := t.TempDir()
	db, err := store.Open(context.Background(), filepath.Join(dir, "los.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.ImportArticles(context.Background(), articles); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestSearchWithEmbeddingModel: LOS_EMBED_MODEL wires the Ollama embedder
// into the index, and search fuses rankings (reciprocal rank fusion scores
// are at most 2/61). When the model cannot embed, Los says once why and
// what to do, and searches by keywords.
func TestSearchWithEmbeddingModel(t *testing.T) {
	srv := ollamatest.Start(t)
	model := embedModel(t, srv)
	articles := demoSubset(t)
	tests := []struct {
		name, host, model string
		fused             bool
		fix               string
	}{
		{"model present", srv.URL.String(), model, true, ""},
		{"model missing", srv.URL.String(), "mangler-embed", false, "ollama pull mangler-embed"},
		{"Ollama down", closedPort(t), model, false, "start Ollama"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars := map[string]string{"LOS_DATA": seededData(t, articles), "OLLAMA_HOST": tt.host, "LOS_EMBED_MODEL": tt.model}
			r := runLos(t, vars, "", "kb", "search", "-n", "3", "Hvordan endrer jeg fakturaadressen min?")
			if r.code != 0 || !strings.Contains(r.stdout, "endre-fakturaadresse") {
				t.Fatalf("exit %d, out %q, err %q; want hits", r.code, r.stdout, r.stderr)
			}
			top := 0.0
			for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n")[1:] {
				var n int
				var score float64
				if _, err := fmt.Sscan(line, &n, &score); err != nil {
					t.Fatalf("row %q: %v", line, err)
				}
				top = max(top, score)
			}
			if fused := top <= 0.033; fused != tt.fused {
				t.Errorf("top score %.3f: fused %v, want %v\n%s", top, fused, tt.fused, r.stdout)
			}
			unavailable := strings.Count(r.stderr, "embeddings unavailable; searching by keywords only")
			switch {
			case tt.fix == "" && unavailable != 0:
				t.Errorf("logged embeddings unavailable with the model present:\n%s", r.stderr)
			case tt.fix != "" && (unavailable != 1 || !strings.Contains(r.stderr, tt.fix)):
				t.Errorf("want one line saying keyword search only and %q:\n%s", tt.fix, r.stderr)
			}
		})
	}
}
