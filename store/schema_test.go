package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/los-bot/los/store"
)

// TestOpenRefusesANewerSchema: a database a newer Los wrote is not
// opened (and so not written to) by an older one, with a message that
// says what to do.
func TestOpenRefusesANewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "los.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = raw.Exec(fmt.Sprintf("PRAGMA user_version = %d", store.SchemaVersion()+1))
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	db, err = store.Open(ctx, path)
	if err == nil {
		db.Close()
		t.Fatal("opened a database with a newer schema")
	}
	if !errors.Is(err, store.ErrTooNew) || !strings.Contains(err.Error(), fmt.Sprintf("knows up to %d", store.SchemaVersion())) ||
		!strings.Contains(err.Error(), "newer los") {
		t.Errorf("error %q, want ErrTooNew saying which versions and what to do", err)
	}
}
