package kb

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2"
)

// Embedder turns texts into vectors, e.g. an Ollama embedding model. When
// Options.Embedder is set, sections are embedded at index time (cached by
// text, so unchanged sections are not embedded again) and each search
// fuses the text ranking with the vector ranking by reciprocal rank fusion.
type Embedder interface {
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

var keyVectors = []byte("los_vectors")

// rrfK is the usual reciprocal rank fusion constant.
const rrfK = 60

// vectors holds the unit-length embedding of every indexed section.
type vectors struct {
	mu    sync.RWMutex
	byID  map[string]vecEntry
	cache map[uint64][]float32 // text hash -> vector, shared by derived sets
}

type vecEntry struct {
	hash uint64
	vec  []float32
}

func newVectors() *vectors {
	return &vectors{byID: map[string]vecEntry{}, cache: map[uint64][]float32{}}
}

// derive returns an empty set sharing the embedding cache.
func (v *vectors) derive() *vectors {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return &vectors{byID: map[string]vecEntry{}, cache: v.cache}
}

func embedText(a Article, s Section) string {
	return a.Title + "\n" + s.Heading + "\n" + plainText(s.Text)
}

func textHash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// compute embeds the sections not in the cache and records all of them.
// The caller holds v.mu for writing.
func (v *vectors) compute(ctx context.Context, e Embedder, ids []string, texts []string) error {
	var todo []string
	var todoHash []uint64
	for _, t := range texts {
		if h := textHash(t); v.cache[h] == nil {
			todo, todoHash = append(todo, t), append(todoHash, h)
		}
	}
	for start := 0; start < len(todo); start += 64 {
		end := min(start+64, len(todo))
		vecs, err := e.Embed(ctx, todo[start:end])
		if err != nil {
			return fmt.Errorf("embed: %w", err)
		}
		if len(vecs) != end-start {
			return fmt.Errorf("embed: got %d vectors for %d texts", len(vecs), end-start)
		}
		for i, vec := range vecs {
			v.cache[todoHash[start+i]] = normalize(vec)
		}
	}
	for i, id := range ids {
		h := textHash(texts[i])
		v.byID[id] = vecEntry{hash: h, vec: v.cache[h]}
	}
	return nil
}

// embed fills v for a rebuild and saves it in idx.
func (v *vectors) embed(ctx context.Context, e Embedder, idx bleve.Index, articles []Article) error {
	var ids, texts []string
	for _, a := range articles {
		if !a.Published {
			continue
		}
		for _, s := range a.Sections() {
			ids, texts = append(ids, s.ID()), append(texts, embedText(a, s))
		}
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.compute(ctx, e, ids, texts); err != nil {
		return err
	}
	return idx.SetInternal(keyVectors, v.encode())
}

// update replaces one article's vectors and adds the saved set to b.
func (v *vectors) update(ctx context.Context, e Embedder, b *bleve.Batch, slug string, a *Article, sections []Section) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	for id := range v.byID {
		if len(id) > len(slug) && id[:len(slug)] == slug && id[len(slug)] == '#' {
			delete(v.byID, id)
		}
	}
	if a != nil && len(sections) > 0 {
		ids, texts := make([]string, len(sections)), make([]string, len(sections))
		for i, s := range sections {
			ids[i], texts[i] = s.ID(), embedText(*a, s)
		}
		if err := v.compute(ctx, e, ids, texts); err != nil {
			return err
		}
	}
	b.SetInternal(keyVectors, v.encode())
	return nil
}

// nearest returns the IDs of the n sections closest to q, closest first.
func (v *vectors) nearest(q []float32, n int) []string {
	v.mu.RLock()
	defer v.mu.RUnlock()
	type scored struct {
		id  string
		sim float32
	}
	all := make([]scored, 0, len(v.byID))
	for id, e := range v.byID {
		if len(e.vec) == len(q) {
			all = append(all, scored{id, dot(q, e.vec)})
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].sim != all[j].sim {
			return all[i].sim > all[j].sim
		}
		return all[i].id < all[j].id
	})
	ids := make([]string, 0, min(n, len(all)))
	for i := 0; i < len(all) && i < n; i++ {
		ids = append(ids, all[i].id)
	}
	return ids
}

// encode writes: count, then per entry id length, id, hash, dims, floats.
func (v *vectors) encode() []byte {
	var buf bytes.Buffer
	ids := make([]string, 0, len(v.byID))
	for id := range v.byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	binary.Write(&buf, binary.LittleEndian, uint32(len(ids)))
	for _, id := range ids {
		e := v.byID[id]
		binary.Write(&buf, binary.LittleEndian, uint32(len(id)))
		buf.WriteString(id)
		binary.Write(&buf, binary.LittleEndian, e.hash)
		binary.Write(&buf, binary.LittleEndian, uint32(len(e.vec)))
		binary.Write(&buf, binary.LittleEndian, e.vec)
	}
	return buf.Bytes()
}

// load reads the saved vectors of idx, if any.
func (v *vectors) load(idx bleve.Index) error {
	data, err := idx.GetInternal(keyVectors)
	if err != nil || len(data) == 0 {
		return err
	}
	r := bytes.NewReader(data)
	var count uint32
	if err := binary.Read(r, binary.LittleEndian, &count); err != nil {
		return err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	for i := uint32(0); i < count; i++ {
		var n uint32
		if err := binary.Read(r, binary.LittleEndian, &n); err != nil || int(n) > r.Len() {
			return errors.New("vectors: truncated")
		}
		id := make([]byte, n)
		r.Read(id)
		var e vecEntry
		var dims uint32
		if err := binary.Read(r, binary.LittleEndian, &e.hash); err != nil {
			return err
		}
		if err := binary.Read(r, binary.LittleEndian, &dims); err != nil || int(dims)*4 > r.Len() {
			return errors.New("vectors: truncated")
		}
		e.vec = make([]float32, dims)
		if err := binary.Read(r, binary.LittleEndian, e.vec); err != nil {
			return err
		}
		v.byID[string(id)] = e
		v.cache[e.hash] = e.vec
	}
	return nil
}

func normalize(v []float32) []float32 {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	out := make([]float32, len(v))
	if sum == 0 {
		return out
	}
	inv := float32(1 / math.Sqrt(sum))
	for i, x := range v {
		out[i] = x * inv
	}
	return out
}

func dot(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}
