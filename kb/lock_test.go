package kb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// TestOpenInUse: while one Index has the directory open, a second Open
// fails within its wait with ErrLocked naming the holder, never with
// ErrCorrupt, and leaves the index alone (also across a rebuild, which
// swaps directories); once the holder closes, the index opens intact.
func TestOpenInUse(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index")
	holder, err := Open(path, Options{Holder: "los serve"})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	if err := holder.Rebuild(ctx, testArticles, "rev-1", nil); err != nil {
		t.Fatal(err)
	}
	second := func() {
		t.Helper()
		ix, err := Open(path, Options{LockWait: 50 * time.Millisecond, OnCorrupt: func(err error) {
			t.Errorf("an index in use was taken for corrupt: %v", err)
		}})
		if err == nil {
			ix.Close()
			t.Fatal("a second Open of an index in use succeeded")
		}
		var locked *LockedError
		if !errors.Is(err, ErrLocked) || errors.Is(err, ErrCorrupt) || !errors.As(err, &locked) {
			t.Fatalf("err = %v, want ErrLocked and not ErrCorrupt", err)
		}
		if want := fmt.Sprintf("los serve (pid %d)", os.Getpid()); locked.Holder != want {
			t.Errorf("holder = %q, want %q", locked.Holder, want)
		}
		if hits := mustSearch(t, holder, "strømstøtte"); len(hits) == 0 || hits[0].Slug != "stromstotte" {
			t.Errorf("the holder's index lost its documents: hits = %v", slugs(hits))
		}
	}
	second()
	if err := holder.Rebuild(ctx, testArticles, "rev-2", nil); err != nil {
		t.Fatal(err)
	}
	second()

	if err := holder.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("open after the holder closed: %v", err)
	}
	defer ix.Close()
	if ix.Stamp() != "rev-2" {
		t.Errorf("stamp = %q, want rev-2: the index was not left as its holder wrote it", ix.Stamp())
	}
	if hits := mustSearch(t, ix, "strømstøtte"); len(hits) == 0 {
		t.Error("the index lost its documents")
	}
}

// TestOpenInUseWithoutLockFile: a process that holds Bleve's own lock but
// not the lock file (an older Los) gives ErrLocked too, not ErrCorrupt.
func TestOpenInUseWithoutLockFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index")
	ix, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Rebuild(context.Background(), testArticles, "rev-1", nil); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	other, err := bleve.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	_, err = Open(path, Options{LockWait: 100 * time.Millisecond, OnCorrupt: func(err error) {
		t.Errorf("an index in use was taken for corrupt: %v", err)
	}})
	if !errors.Is(err, ErrLocked) || errors.Is(err, ErrCorrupt) {
		t.Fatalf("err = %v, want ErrLocked", err)
	}
	if n, err := other.DocCount(); err != nil || n == 0 {
		t.Errorf("the other process's index has %d documents (%v)", n, err)
	}
}

// TestOpenOnCorrupt: with OnCorrupt set, Open reports the corruption and
// gives an empty index to rebuild.
func TestOpenOnCorrupt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index")
	ix, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Rebuild(context.Background(), testArticles, "rev-1", nil); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if err := os.WriteFile(filepath.Join(path, "index_meta.json"), []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	var reason error
	ix, err = Open(path, Options{OnCorrupt: func(err error) { reason = err }})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if !errors.Is(reason, ErrCorrupt) || !strings.Contains(reason.Error(), path) {
		t.Errorf("OnCorrupt heard %v, want ErrCorrupt naming %s", reason, path)
	}
	if n, err := ix.Len(); err != nil || n != 0 || ix.Stamp() != "" {
		t.Errorf("after recovery: %d sections (%v), stamp %q; want an empty index to rebuild", n, err, ix.Stamp())
	}
}
