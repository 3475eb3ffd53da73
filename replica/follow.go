package replica

import (
	"context"
	"log/slog"
	"strings"
	"sync"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/store"
)

// KBChannel is the notification channel of knowledge-base changes (see
// store/migrations/replicas.postgres.sql).
const KBChannel = "los_kb"

// Articles is what the follower reads from the shared database.
type Articles interface {
	KBRevision(ctx context.Context) (string, error)
	ArticleStamps(ctx context.Context) (string, []store.ArticleStamp, error)
	Article(ctx context.Context, slug string) (kb.Article, error)
	Synonyms(ctx context.Context) (syn kb.StoredSynonyms, ok bool, err error)
}

// Index is the replica's own search index.
type Index interface {
	Put(ctx context.Context, a kb.Article) error
	Delete(ctx context.Context, slug string) error
	Stamp() string
	SetStamp(ctx context.Context, stamp string) error
	SetSynonyms(s *kb.Synonyms)
}

// Follower keeps a replica's search index in line with the articles in
// the shared database, which other replicas' editors change: on every
// notification of a new knowledge-base revision, and at every Check of
// the safety net. It compares each article's stamp with the one it last
// indexed and re-indexes only those that changed.
type Follower struct {
	db  Articles
	ix  Index
	log *slog.Logger

	mu       sync.Mutex
	known    map[string]store.ArticleStamp // what the index holds, by slug
	synonyms int64                         // updated of the synonyms applied; 0: none
}

// NewFollower follows db into ix. The index must be current (openIndex
// made it so): the follower starts from the articles at its stamp.
func NewFollower(ctx context.Context, db Articles, ix Index, log *slog.Logger) (*Follower, error) {
	f := &Follower{db: db, ix: ix, log: log, known: map[string]store.ArticleStamp{}}
	rev, stamps, err := db.ArticleStamps(ctx)
	if err != nil {
		return nil, err
	}
	if rev == ix.Stamp() {
		for _, a := range stamps {
			f.known[a.Slug] = a
		}
	} // else: changed meanwhile; the first Check re-indexes every article
	if syn, ok, err := db.Synonyms(ctx); err == nil && ok {
		f.synonyms = syn.Updated.UnixMilli()
	}
	return f, nil
}

// Check brings the index up to the database's revision, if it is behind,
// and applies synonyms saved since the last check. It returns how many
// articles it re-indexed.
func (f *Follower) Check(ctx context.Context) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.followSynonyms(ctx); err != nil {
		return 0, err
	}
	rev, err := f.db.KBRevision(ctx)
	if err != nil || rev == f.ix.Stamp() {
		return 0, err
	}
	rev, stamps, err := f.db.ArticleStamps(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	seen := make(map[string]bool, len(stamps))
	for _, st := range stamps {
		seen[st.Slug] = true
		if f.known[st.Slug] == st {
			continue
		}
		if err := f.sync(ctx, st.Slug); err != nil {
			return n, err
		}
		f.known[st.Slug] = st
		n++
	}
	for slug := range f.known {
		if !seen[slug] {
			if err := f.ix.Delete(ctx, slug); err != nil {
				return n, err
			}
			delete(f.known, slug)
			n++
		}
	}
	return n, f.ix.SetStamp(ctx, rev)
}

// sync puts the article as customers see it into the index, or takes it
// out.
func (f *Follower) sync(ctx context.Context, slug string) error {
	a, err := f.db.Article(ctx, slug)
	switch {
	case los.ErrorCode(err) == los.ENOTFOUND || err == nil && !a.Published:
		return f.ix.Delete(ctx, slug)
	case err != nil:
		return err
	}
	return f.ix.Put(ctx, a)
}

func (f *Follower) followSynonyms(ctx context.Context) error {
	syn, ok, err := f.db.Synonyms(ctx)
	if err != nil || !ok || syn.Updated.UnixMilli() == f.synonyms {
		return err
	}
	parsed, err := kb.ParseSynonyms("synonyms saved in the editor", strings.NewReader(syn.Text))
	if err != nil {
		return err
	}
	f.ix.SetSynonyms(parsed)
	f.synonyms = syn.Updated.UnixMilli()
	return nil
}
