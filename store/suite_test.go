package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/los-bot/los/store"
	"github.com/los-bot/los/store/storetest"
)

// open is a fresh SQLite store in the test's temporary directory.
func open(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "los.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestSuite: the SQLite store passes the suite every store must pass.
func TestSuite(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T) storetest.Store { return open(t) })
}

var _ storetest.Store = (*store.DB)(nil)
