package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/los-bot/los"
	"github.com/los-bot/los/store"
)

// TestFilesAreOwnerOnly: los.db and its WAL and shared memory are 0600,
// in a pre-created directory whatever the umask, and an older 0644 file
// is made 0600 when opened (the audit found them 0644).
func TestFilesAreOwnerOnly(t *testing.T) {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "los.db")
	check := func(when string) {
		t.Helper()
		for _, f := range []string{"los.db", "los.db-wal", "los.db-shm"} {
			fi, err := os.Stat(filepath.Join(dir, f))
			if err != nil {
				t.Fatalf("%s: %v", when, err)
			}
			if m := fi.Mode().Perm(); m != 0o600 {
				t.Errorf("%s: %s is %v, want -rw-------", when, f, m)
			}
		}
	}
	open := func() *store.DB {
		db, err := store.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.CreateConversation(context.Background(), &los.Conversation{ID: filepath.Base(t.TempDir()), TokenHash: []byte{1}}); err != nil {
			t.Fatal(err)
		}
		return db
	}
	db := open()
	check("new")
	db.Close()
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	db = open()
	defer db.Close()
	check("opened again after a chmod 0644")
}
