package kb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/los-bot/los/lang"
)

// ErrCorrupt is returned (wrapped) by Open when the index directory exists
// but cannot be read as an index. The index is derived data: remove it
// with Remove and open again, then Rebuild (Ensure does all of this).
var ErrCorrupt = errors.New("kb: index is corrupt")

// Internal (non-document) keys in the Bleve index.
var (
	keyStamp  = []byte("los_stamp")
	keySchema = []byte("los_schema")
)

// Options configure an Index.
type Options struct {
	// Synonyms expand queries; nil means DefaultSynonyms.
	Synonyms *Synonyms
	// Glossary expands questions in English with the Norwegian words of
	// the articles; nil means DefaultGlossary.
	Glossary *Synonyms
	// Embedder, when set, adds a vector ranking fused with the text ranking.
	Embedder Embedder
	// OnEmbedError, when set, hears of embedding failures. They never fail
	// a search or a write: the text ranking stands alone meanwhile.
	OnEmbedError func(error)
}

// Index is the search index over the published articles' sections. It is
// safe for concurrent use: searches run while Put, Delete and Rebuild do.
type Index struct {
	path     string // "" for in memory
	embedder Embedder
	onEmbed  func(error)
	syn      atomic.Pointer[Synonyms]
	glossary *Synonyms

	mu  sync.RWMutex // guards idx against swap and close, not its use
	idx bleve.Index
	vec *vectors
	voc *vocab
	// hasAsk is set when some section holds example questions, so that
	// searches look in their field.
	hasAsk atomic.Bool

	forms *formCache // analysed words of the sections, for re-ranking
}

// Open opens the index at path, creating an empty one when path does not
// exist or is an empty directory. path "" opens an index in memory. A
// directory that holds something else than a readable index gives an
// error wrapping ErrCorrupt.
func Open(path string, opts Options) (*Index, error) {
	ix := &Index{path: path, embedder: opts.Embedder, onEmbed: opts.OnEmbedError, vec: newVectors(), forms: newFormCache()}
	syn := opts.Synonyms
	if syn == nil {
		syn = DefaultSynonyms()
	}
	ix.syn.Store(syn)
	if ix.glossary = opts.Glossary; ix.glossary == nil {
		ix.glossary = DefaultGlossary()
	}
	idx, err := openBleve(path)
	if err != nil {
		return nil, err
	}
	ix.idx = idx
	if ix.voc, err = loadVocab(idx); err != nil {
		idx.Close()
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
	}
	if err := ix.vec.load(idx); err != nil {
		idx.Close()
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
	}
	ix.hasAsk.Store(holdsQuestions(idx))
	return ix, nil
}

func openBleve(path string) (bleve.Index, error) {
	if path == "" {
		return newBleve("")
	}
	if entries, err := os.ReadDir(path); errors.Is(err, os.ErrNotExist) || err == nil && len(entries) == 0 {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("kb: create index: %w", err)
		}
		os.Remove(path)
		return newBleve(path)
	}
	idx, err := bleve.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
	}
	if _, err := idx.DocCount(); err != nil {
		idx.Close()
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
	}
	if _, err := idx.GetInternal(keyStamp); err != nil {
		idx.Close()
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
	}
	return idx, nil
}

func newBleve(path string) (bleve.Index, error) {
	var (
		idx bleve.Index
		err error
	)
	if path == "" {
		// Scorch without a path keeps everything in memory and scores
		// like the on-disk index (bleve.NewMemOnly would not do BM25).
		idx, err = bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil)
	} else {
		idx, err = bleve.New(path, newMapping())
	}
	if err != nil {
		return nil, fmt.Errorf("kb: create index: %w", err)
	}
	if err := idx.SetInternal(keySchema, []byte(schemaVersion)); err != nil {
		idx.Close()
		return nil, fmt.Errorf("kb: create index: %w", err)
	}
	return idx, nil
}

// Remove deletes the index directory at path, to recover from ErrCorrupt.
func Remove(path string) error {
	if path == "" {
		return nil
	}
	return os.RemoveAll(path)
}

// Ensure opens the index at path and makes it current: a corrupt index is
// removed and recreated, and when the index's stamp differs from stamp
// (the store's revision) it is rebuilt from load's articles.
func Ensure(ctx context.Context, path string, opts Options, stamp string,
	load func(context.Context) ([]Article, error), progress func(done, total int)) (*Index, error) {
	ix, err := Open(path, opts)
	if errors.Is(err, ErrCorrupt) {
		if err := Remove(path); err != nil {
			return nil, err
		}
		ix, err = Open(path, opts)
	}
	if err != nil {
		return nil, err
	}
	if ix.Stamp() == stamp && stamp != "" {
		return ix, nil
	}
	articles, err := load(ctx)
	if err == nil {
		err = ix.Rebuild(ctx, articles, stamp, progress)
	}
	if err != nil {
		ix.Close()
		return nil, err
	}
	return ix, nil
}

// Stamp returns the stamp saved by the last Rebuild or SetStamp, or "" for
// an index that was never built or was built with another schema.
func (ix *Index) Stamp() string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.idx == nil {
		return ""
	}
	schema, err := ix.idx.GetInternal(keySchema)
	if err != nil || string(schema) != schemaVersion {
		return ""
	}
	v, err := ix.idx.GetInternal(keyStamp)
	if err != nil {
		return ""
	}
	return string(v)
}

// SetStamp saves stamp in the index, typically the store's revision after
// a Put or Delete.
func (ix *Index) SetStamp(ctx context.Context, stamp string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.idx == nil {
		return bleve.ErrorIndexClosed
	}
	return ix.idx.SetInternal(keyStamp, []byte(stamp))
}

// SetSynonyms replaces the synonyms used by later searches.
func (ix *Index) SetSynonyms(s *Synonyms) {
	if s == nil {
		s = &Synonyms{}
	}
	ix.syn.Store(s)
}

// synonymsFor returns the synonyms for a question in the standard l:
// the index's synonyms, and for English the glossary too.
func (ix *Index) synonymsFor(l lang.Standard) []*Synonyms {
	if l == lang.English {
		return []*Synonyms{ix.syn.Load(), ix.glossary}
	}
	return []*Synonyms{ix.syn.Load()}
}

// Synonyms returns the synonyms in use.
func (ix *Index) Synonyms() *Synonyms { return ix.syn.Load() }

// Len returns the number of indexed sections.
func (ix *Index) Len() (int, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.idx == nil {
		return 0, bleve.ErrorIndexClosed
	}
	n, err := ix.idx.DocCount()
	return int(n), err
}

// Close closes the index. Searches after Close fail.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.idx == nil {
		return nil
	}
	err := ix.idx.Close()
	ix.idx = nil
	return err
}
