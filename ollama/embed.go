package ollama

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/ollama/ollama/api"
)

// Embedding requests are split into batches of embedBatch texts, and each
// request may take embedBase plus embedPerText per text: a question (one
// text) waits at most 7 s for a stuck Ollama, while a batch of long
// sections on a busy CPU gets 37 s.
const (
	embedBatch   = 16
	embedBase    = 5 * time.Second
	embedPerText = 2 * time.Second
	// embedProbe bounds the check at start, which may load the model.
	embedProbe = 20 * time.Second
)

// Embedder embeds texts with one model of an Ollama server, for the
// knowledge base's hybrid search (it is a kb.Embedder).
type Embedder struct {
	call  func(context.Context, *api.EmbedRequest) (*api.EmbedResponse, error)
	model string
	batch int
}

// NewEmbedder returns an embedder of model on c's server.
func NewEmbedder(c *Client, model string) *Embedder {
	return &Embedder{call: c.embed, model: model, batch: embedBatch}
}

// Embedder returns an embedder of model on the pool's hosts.
func (p *Pool) Embedder(model string) *Embedder {
	return &Embedder{call: p.embed, model: model, batch: embedBatch}
}

// Embed returns one vector per text, in order.
func (e *Embedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, 0, len(texts))
	for start := 0; start < len(texts); start += e.batch {
		vecs, err := e.embed(ctx, texts[start:min(start+e.batch, len(texts))])
		if err != nil {
			return nil, err
		}
		out = append(out, vecs...)
	}
	return out, nil
}

func (e *Embedder) embed(ctx context.Context, texts []string) ([][]float32, error) {
	ctx, cancel := context.WithTimeout(ctx, embedBase+time.Duration(len(texts))*embedPerText)
	defer cancel()
	resp, err := e.call(ctx, &api.EmbedRequest{Model: e.model, Input: texts})
	if err != nil {
		return nil, fmt.Errorf("embedding model %q: %w", e.model, err)
	}
	if len(resp.Embeddings) != len(texts) {
		return nil, fmt.Errorf("embedding model %q: %d vectors for %d texts", e.model, len(resp.Embeddings), len(texts))
	}
	for _, v := range resp.Embeddings {
		if len(v) == 0 || len(v) != len(resp.Embeddings[0]) {
			return nil, fmt.Errorf("embedding model %q: vectors of %d and %d dimensions", e.model, len(resp.Embeddings[0]), len(v))
		}
	}
	return resp.Embeddings, nil
}

// ProbeEmbedder returns e when its model embeds now, or nil after logging
// why not and what to do: Los then searches by keywords alone.
func ProbeEmbedder(ctx context.Context, e *Embedder, log *slog.Logger) *Embedder {
	model := e.model
	ctx, cancel := context.WithTimeout(ctx, embedProbe)
	defer cancel()
	_, err := e.Embed(ctx, []string{"los"})
	if err == nil {
		return e
	}
	fix := "start Ollama (ollama serve) and check OLLAMA_HOST"
	var se api.StatusError
	if errors.As(err, &se) && se.StatusCode == 404 {
		fix = "ollama pull " + model + " (or: los models pull)"
	}
	log.WarnContext(ctx, "embeddings unavailable; searching by keywords only", "model", model, "err", err, "fix", fix)
	return nil
}

// EmbedErrorLogger logs embedding failures at most once a minute: search
// goes on by keywords meanwhile, so one line says enough.
func EmbedErrorLogger(log *slog.Logger) func(error) {
	var mu sync.Mutex
	var last time.Time
	return func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if time.Since(last) < time.Minute {
			return
		}
		last = time.Now()
		log.Warn("embedding failed; searching by keywords until it works again", "err", err)
	}
}
