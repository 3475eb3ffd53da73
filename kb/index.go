package kb

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/gofrs/flock"

	"github.com/los-bot/los"
)

// ErrCorrupt is returned (wrapped) by Open when the index directory exists
// but cannot be read as an index. The index is derived data: Open with
// Options.OnCorrupt set replaces it with an empty one, to Rebuild (Ensure
// does all of this). An index in use by another process is not corrupt:
// Open returns ErrLocked for it.
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

	// LockWait is how long Open waits for another process to release the
	// index before it fails with ErrLocked; zero means DefaultLockWait.
	LockWait time.Duration
	// Holder names this process in the lock file ("los serve"), so that
	// a process that finds the index in use can say who holds it.
	Holder string
	// OnCorrupt, when set, makes Open recover from a corrupt index: it
	// hears why, then Open removes the index, holding its lock, and
	// creates an empty one in its place, to Rebuild. When nil, Open
	// returns ErrCorrupt.
	OnCorrupt func(error)
}

// Index is the search index over the published articles' sections. It is
// safe for concurrent use: searches run while Put, Delete and Rebuild do.
type Index struct {
	path     string // "" for in memory
	lock     *flock.Flock
	lockWait time.Duration
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
// exist or is an empty directory. path "" opens an index in memory. An
// index that another process has open gives an error matching ErrLocked
// (after Options.LockWait). A directory that holds something else than a
// readable index gives an error wrapping ErrCorrupt, unless
// Options.OnCorrupt is set; one this process may not read (permissions)
// gives that error as it is.
func Open(path string, opts Options) (*Index, error) {
	ix := &Index{path: path, embedder: opts.Embedder, onEmbed: opts.OnEmbedError, vec: newVectors(), forms: newFormCache()}
	ix.lockWait = opts.LockWait
	if ix.lockWait <= 0 {
		ix.lockWait = DefaultLockWait
	}
	syn := opts.Synonyms
	if syn == nil {
		syn = DefaultSynonyms()
	}
	ix.syn.Store(syn)
	if ix.glossary = opts.Glossary; ix.glossary == nil {
		ix.glossary = DefaultGlossary()
	}
	if path != "" {
		lock, err := lockIndex(path, ix.lockWait, opts.Holder)
		if err != nil {
			return nil, err
		}
		ix.lock = lock
	}
	err := ix.open()
	if errors.Is(err, ErrCorrupt) && opts.OnCorrupt != nil {
		opts.OnCorrupt(err)
		if err = os.RemoveAll(path); err == nil {
			err = ix.open()
		}
	}
	if err != nil {
		ix.unlock()
		return nil, err
	}
	return ix, nil
}

// open opens the Bleve index and loads what Los keeps beside it.
func (ix *Index) open() error {
	idx, err := openBleve(ix.path, ix.lockWait)
	if err != nil {
		return err
	}
	if ix.voc, err = loadVocab(idx); err == nil {
		err = ix.vec.load(idx)
	}
	if err != nil {
		idx.Close()
		return fmt.Errorf("%w: %s: %v", ErrCorrupt, ix.path, err)
	}
	ix.idx = idx
	ix.hasAsk.Store(holdsQuestions(idx))
	return nil
}

func (ix *Index) unlock() {
	if ix.lock != nil {
		ix.lock.Close()
	}
}

func openBleve(path string, lockWait time.Duration) (bleve.Index, error) {
	if path == "" {
		return newBleve("")
	}
	if entries, err := os.ReadDir(path); errors.Is(err, os.ErrNotExist) || err == nil && len(entries) == 0 {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("kb: create index: %w", err)
		}
		os.Remove(path)
		return newBleve(path)
	}
	idx, err := openDisk(path, lockWait)
	if errors.Is(err, ErrLocked) || errors.Is(err, fs.ErrPermission) {
		return nil, err
	}
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

// Ensure opens the index at path and makes it current: a corrupt index is
// removed and recreated, and when the index's stamp differs from stamp
// (the store's revision) it is rebuilt from load's articles. An index in
// use by another process gives ErrLocked and is left alone.
func Ensure(ctx context.Context, path string, opts Options, stamp string,
	load func(context.Context) ([]Article, error), progress func(done, total int)) (*Index, error) {
	if opts.OnCorrupt == nil {
		opts.OnCorrupt = func(error) {}
	}
	ix, err := Open(path, opts)
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
func (ix *Index) synonymsFor(l los.Standard) []*Synonyms {
	if l == los.English {
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

// Close closes the index and releases its lock. Searches after Close
// fail.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	defer ix.unlock()
	if ix.idx == nil {
		return nil
	}
	err := ix.idx.Close()
	ix.idx = nil
	return err
}
