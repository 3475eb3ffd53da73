package kb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/gofrs/flock"
	bolterrors "go.etcd.io/bbolt/errors"
)

// ErrLocked is matched (errors.Is) by the error Open returns when another
// process has the index open. The index is fine: it is in use, so it must
// not be removed or rebuilt. The error is a *LockedError.
var ErrLocked = errors.New("kb: index is in use by another process")

// DefaultLockWait is how long Open waits for another process to release
// the index when Options.LockWait is zero.
const DefaultLockWait = 500 * time.Millisecond

// LockedError says which index is in use, and by whom.
type LockedError struct {
	Path string
	// Holder is what the holding process wrote in the lock file, such as
	// "los serve (pid 4242)"; "" when unknown (a process that does not
	// write it, or one that is just starting).
	Holder string
}

func (e *LockedError) Error() string {
	who := e.Holder
	if who == "" {
		who = "another process"
	}
	return fmt.Sprintf("kb: index %s is in use by %s", e.Path, who)
}

// Is makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// lockIndex takes the lock file beside the index at path (path + ".lock"),
// waiting up to wait, and writes holder and the process ID in it. The lock
// is held for the Index's life, across rebuilds and the removal of a
// corrupt index, so another process never opens, replaces or removes an
// index in use; Bleve's own lock (on its bolt file) is released while a
// rebuild swaps directories.
func lockIndex(path string, wait time.Duration, holder string) (*flock.Flock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("kb: lock index: %w", err)
	}
	lockPath := path + ".lock"
	fl := flock.New(lockPath)
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	ok, err := fl.TryLockContext(ctx, 10*time.Millisecond)
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return nil, fmt.Errorf("kb: lock index: %w", err)
	}
	if !ok {
		b, _ := os.ReadFile(lockPath)
		return nil, &LockedError{Path: path, Holder: strings.TrimSpace(string(b))}
	}
	if holder == "" {
		holder = filepath.Base(os.Args[0])
	}
	// Advisory only: a failure to say who holds the lock is no reason to fail.
	_ = os.WriteFile(lockPath, fmt.Appendf(nil, "%s (pid %d)\n", holder, os.Getpid()), 0o600)
	return fl, nil
}

// openDisk opens the Bleve index at path, giving up after wait when some
// process that does not take the lock file (an older Los) holds it.
func openDisk(path string, wait time.Duration) (bleve.Index, error) {
	idx, err := bleve.OpenUsing(path, map[string]any{"bolt_timeout": wait.String()})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, &LockedError{Path: path}
	}
	return idx, err
}
