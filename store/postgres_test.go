package store_test

import (
	"context"
	"testing"

	"github.com/los-bot/los/internal/pgtest"
	"github.com/los-bot/los/store"
	"github.com/los-bot/los/store/storetest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// openPG is a fresh store in a new database of the test binary's
// throw-away PostgreSQL cluster.
func openPG(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.OpenPostgres(context.Background(), pgDSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestSuitePostgres: the PostgreSQL store passes the same suite as the
// SQLite store.
func TestSuitePostgres(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T) storetest.Store { return openPG(t) })
}

// pgDSN is the URL of a new empty database for t.
func pgDSN(t *testing.T) string {
	t.Helper()
	return pgtest.NewDatabase(t)
}
