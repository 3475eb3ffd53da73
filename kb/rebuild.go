package kb

import (
	"context"
	"fmt"
	"os"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// batchSize is the number of articles indexed per Bleve batch.
const batchSize = 1000

// Rebuild replaces the index's content with the published articles and
// saves stamp. It builds a fresh index beside the old one and swaps it in
// only when complete, so a failure or a cancelled ctx leaves the old index
// as it was; searches keep using the old index until the swap. progress,
// if not nil, is called with the number of articles done so far.
func (ix *Index) Rebuild(ctx context.Context, articles []Article, stamp string, progress func(done, total int)) error {
	for _, a := range articles {
		if err := a.Validate(); err != nil {
			return fmt.Errorf("kb: rebuild: %w", err)
		}
	}
	tmp := ""
	if ix.path != "" {
		tmp = ix.path + ".new"
		if err := os.RemoveAll(tmp); err != nil {
			return fmt.Errorf("kb: rebuild: %w", err)
		}
	}
	fresh, err := newBleve(tmp)
	if err != nil {
		return err
	}
	vec := ix.vec.derive()
	err = fill(ctx, fresh, articles, stamp, progress)
	if err == nil && ix.embedder != nil {
		if e := vec.embed(ctx, ix.embedder, fresh, articles); e != nil {
			ix.embedFailed(e) // indexed for keyword search; vectors come with later writes
		}
	}
	var voc *vocab
	if err == nil {
		voc, err = loadVocab(fresh)
	}
	if err != nil {
		fresh.Close()
		if tmp != "" {
			os.RemoveAll(tmp)
		}
		return fmt.Errorf("kb: rebuild: %w", err)
	}
	if tmp != "" {
		// Close to flush, then move into place and reopen.
		if err := fresh.Close(); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("kb: rebuild: %w", err)
		}
	}
	asks := false
	for _, a := range articles {
		asks = asks || a.Published && len(a.Questions) > 0
	}
	if err := ix.swap(fresh, tmp, vec, voc); err != nil {
		return err
	}
	ix.hasAsk.Store(asks)
	return nil
}

func fill(ctx context.Context, idx bleve.Index, articles []Article, stamp string, progress func(done, total int)) error {
	total := len(articles)
	if progress != nil {
		progress(0, total)
	}
	b := idx.NewBatch()
	for i, a := range articles {
		if a.Published {
			secs, docs := sectionDocs(a)
			for k, s := range secs {
				if err := b.Index(s.ID(), docs[k]); err != nil {
					return err
				}
			}
		}
		if (i+1)%batchSize == 0 || i+1 == total {
			if err := ctx.Err(); err != nil {
				return err
			}
			if i+1 == total {
				b.SetInternal(keyStamp, []byte(stamp))
			}
			if err := idx.Batch(b); err != nil {
				return err
			}
			b.Reset()
			if progress != nil {
				progress(i+1, total)
			}
		}
	}
	if total == 0 {
		return idx.SetInternal(keyStamp, []byte(stamp))
	}
	return nil
}

// swap puts the freshly built index in place of the current one.
func (ix *Index) swap(fresh bleve.Index, tmp string, vec *vectors, voc *vocab) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.idx == nil {
		if tmp != "" {
			os.RemoveAll(tmp)
		} else {
			fresh.Close()
		}
		return bleve.ErrorIndexClosed
	}
	if tmp == "" {
		old := ix.idx
		ix.idx, ix.vec, ix.voc = fresh, vec, voc
		return old.Close()
	}
	if err := ix.idx.Close(); err != nil {
		return fmt.Errorf("kb: rebuild: close old index: %w", err)
	}
	ix.idx = nil
	old := ix.path + ".old"
	os.RemoveAll(old)
	if err := os.Rename(ix.path, old); err != nil && !os.IsNotExist(err) {
		return ix.reopen(fmt.Errorf("kb: rebuild: %w", err))
	}
	if err := os.Rename(tmp, ix.path); err != nil {
		os.Rename(old, ix.path)
		return ix.reopen(fmt.Errorf("kb: rebuild: %w", err))
	}
	os.RemoveAll(old)
	idx, err := openDisk(ix.path, ix.lockWait)
	if err != nil {
		return fmt.Errorf("kb: rebuild: open new index: %w", err)
	}
	ix.idx, ix.vec, ix.voc = idx, vec, voc
	return nil
}

// reopen opens the index at ix.path again after a failed swap. The caller
// holds ix.mu.
func (ix *Index) reopen(cause error) error {
	if idx, err := openDisk(ix.path, ix.lockWait); err == nil {
		ix.idx = idx
	}
	return cause
}

// Put indexes a (possibly changed) article at once, replacing its earlier
// sections. An unpublished article is removed from the index.
func (ix *Index) Put(ctx context.Context, a Article) error {
	if err := a.Validate(); err != nil {
		return fmt.Errorf("kb: put: %w", err)
	}
	return ix.update(ctx, a.Slug, &a)
}

// Delete removes an article's sections from the index.
func (ix *Index) Delete(ctx context.Context, slug string) error {
	return ix.update(ctx, slug, nil)
}

func (ix *Index) update(ctx context.Context, slug string, a *Article) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.idx == nil {
		return bleve.ErrorIndexClosed
	}
	q := query.NewTermQuery(slug)
	q.SetField(fieldSlug)
	req := bleve.NewSearchRequestOptions(q, 10000, 0, false)
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return fmt.Errorf("kb: find sections of %s: %w", slug, err)
	}
	b := ix.idx.NewBatch()
	keep := map[string]bool{}
	var sections []Section
	if a != nil && a.Published {
		if len(a.Questions) > 0 {
			ix.hasAsk.Store(true)
		}
		var docs []map[string]any
		sections, docs = sectionDocs(*a)
		for k, s := range sections {
			keep[s.ID()] = true
			if err := b.Index(s.ID(), docs[k]); err != nil {
				return err
			}
		}
	}
	for _, h := range res.Hits {
		if !keep[h.ID] {
			b.Delete(h.ID)
		}
	}
	if ix.embedder != nil {
		if err := ix.vec.update(ctx, ix.embedder, b, slug, a, sections); err != nil {
			ix.embedFailed(err)
		}
	}
	if err := ix.idx.Batch(b); err != nil {
		return fmt.Errorf("kb: index %s: %w", slug, err)
	}
	for _, s := range sections {
		ix.voc.add(plainText(s.Text))
	}
	return nil
}
