package integration

import (
	"context"
	"sync"
	"testing"

	"github.com/ollama/ollama/api"

	"github.com/los-bot/los/kb"
)

// embedder is the smallest kb.Embedder over Ollama; cmd/los has the real
// one, with batching and timeouts, which a test package cannot import.
type embedder struct {
	client *api.Client
	model  string
}

func (e embedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	resp, err := e.client.Embed(ctx, &api.EmbedRequest{Model: e.model, Input: texts})
	if err != nil {
		return nil, err
	}
	return resp.Embeddings, nil
}

// memo answers repeated texts from memory, to measure fusion without the
// model's round trip.
type memo struct {
	next kb.Embedder
	mu   sync.Mutex
	seen map[string][]float32
}

func (m *memo) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([][]float32, len(texts))
	var todo []string
	for i, t := range texts {
		if out[i] = m.seen[t]; out[i] == nil {
			todo = append(todo, t)
		}
	}
	if len(todo) > 0 {
		vecs, err := m.next.Embed(ctx, todo)
		if err != nil {
			return nil, err
		}
		for i, t := range todo {
			m.seen[t] = vecs[i]
		}
		for i, t := range texts {
			out[i] = m.seen[t]
		}
	}
	return out, nil
}

var benchQuestions = []string{
	"Hvordan endrer jeg fakturaadressen min?",
	"Kva kostar nettleiga?",
	"strømbrudd i området mitt",
	"Jeg skal flytte, hvordan sier jeg opp avtalen?",
	"Hvordan bestiller jeg e-faktura?",
	"How do I contact customer service?",
}

// BenchmarkHybridSearch compares a search of the demo knowledge base by
// keywords alone, with fusion of the vector ranking when the question's
// vector is known (the cost of fusion), and with the question embedded by
// the tiny model on the real server for each search (fusion plus a round
// trip to Ollama).
func BenchmarkHybridSearch(b *testing.B) {
	srv, model := startOllama(b)
	articles, err := kb.Demo()
	if err != nil {
		b.Fatal(err)
	}
	live := embedder{srv.Client, model}
	cases := []struct {
		name string
		emb  kb.Embedder
	}{
		{"keywords", nil},
		{"fusion", &memo{next: live, seen: map[string][]float32{}}},
		{"embed+fusion", live},
	}
	for _, bc := range cases {
		b.Run(bc.name, func(b *testing.B) {
			ctx := context.Background()
			ix, err := kb.Open(b.TempDir(), kb.Options{Embedder: bc.emb})
			if err != nil {
				b.Fatal(err)
			}
			defer ix.Close()
			if err := ix.Rebuild(ctx, articles, "1", nil); err != nil {
				b.Fatal(err)
			}
			for _, q := range benchQuestions { // warm: model loaded, memo filled
				if _, err := ix.Search(ctx, q, kb.SearchOptions{Limit: 4}); err != nil {
					b.Fatal(err)
				}
			}
			i := 0
			for b.Loop() {
				if _, err := ix.Search(ctx, benchQuestions[i%len(benchQuestions)], kb.SearchOptions{Limit: 4}); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
