package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/store"
)

// TestRestoreOlderBackup: a backup from an older Los is restored, the
// current database is kept aside, and Open migrates the backup.
func TestRestoreOlderBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	backup := filepath.Join(dir, "v1.db")
	if err := store.CreateAtVersionForTest(ctx, backup, 1); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", "file:"+backup)
	if err != nil {
		t.Fatal(err)
	}
	_, err = raw.Exec(`INSERT INTO articles (slug, title, body, lang, published, updated) VALUES ('gammel', 'Gammel', 'Tekst', 'nb', 1, 0);
		INSERT INTO conversations (id, token_hash, status, created, updated) VALUES ('k1', x'00', 'open', 0, 0)`)
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}

	live := filepath.Join(dir, "data", "los.db")
	os.Mkdir(filepath.Dir(live), 0o750)
	db, err := store.Open(ctx, live)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.ImportArticles(ctx, []kb.Article{{Slug: "ny", Title: "Ny", Body: "x", Lang: los.Bokmal}}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	res, err := store.RestoreBackup(ctx, backup, live, at)
	if err != nil {
		t.Fatal(err)
	}
	if res.Version != 1 || res.Articles != 1 || res.Conversations != 1 {
		t.Errorf("restored = %+v", res)
	}
	if want := live + ".before-restore-20260301T120000Z"; res.Previous != want {
		t.Errorf("previous = %q, want %q", res.Previous, want)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(live + suffix); err == nil {
			t.Errorf("%s%s is left beside the restored database", live, suffix)
		}
	}
	if n := countRows(t, res.Previous, "articles"); n != 1 {
		t.Errorf("the previous database has %d articles, want its 1", n)
	}
	// The previous database is whole on its own: its log was folded in.
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(res.Previous + suffix); err == nil {
			t.Errorf("%s%s: the previous database needs a companion file", res.Previous, suffix)
		}
	}
	if _, err := store.Verify(ctx, res.Previous); err != nil {
		t.Errorf("the previous database: %v", err)
	}

	db, err = store.Open(ctx, live)
	if err != nil {
		t.Fatalf("open the restored database: %v", err)
	}
	defer db.Close()
	if a, err := db.Article(ctx, "gammel"); err != nil || a.Title != "Gammel" {
		t.Errorf("article = %+v, %v", a, err)
	}
	if _, err := db.Article(ctx, "ny"); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("an article of the replaced database is there: %v", err)
	}
	info, err := store.Verify(ctx, backup)
	if err != nil || info.Version != 1 {
		t.Errorf("the backup itself changed: %+v, %v", info, err)
	}
	var v int
	check, _ := sql.Open("sqlite", "file:"+live)
	defer check.Close()
	if err := check.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != store.SchemaVersion() {
		t.Errorf("schema version after Open = %d, %v; want %d", v, err, store.SchemaVersion())
	}
}

func TestRestoreRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	live := filepath.Join(dir, "los.db")
	db, err := store.Open(ctx, live)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	addConversation(t, db, "behold", 3)
	good := filepath.Join(dir, "good.db")
	if _, err := store.Backup(ctx, live, good, false); err != nil {
		t.Fatal(err)
	}
	newer := filepath.Join(dir, "newer.db")
	if _, err := store.Backup(ctx, live, newer, false); err != nil {
		t.Fatal(err)
	}
	raw, _ := sql.Open("sqlite", "file:"+newer)
	_, err = raw.Exec(fmt.Sprintf("PRAGMA user_version = %d", store.SchemaVersion()+1))
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte(strings.Repeat("ikke en database\n", 100)), 0o600)

	tests := []struct {
		name, src string
		is        error
		want      string
	}{
		{"in use by an open store", good, store.ErrInUse, "another process has it open"},
		{"newer schema", newer, store.ErrTooNew, fmt.Sprintf("this build knows up to %d", store.SchemaVersion())},
		{"not a database", text, store.ErrNotLos, "is not an SQLite database"},
		{"the current database itself", live, nil, "is the current database itself"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := store.RestoreBackup(ctx, tt.src, live, time.Now())
			if err == nil || !strings.Contains(err.Error(), tt.want) || (tt.is != nil && !errors.Is(err, tt.is)) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if _, err := db.Conversation(ctx, "behold"); err != nil {
				t.Errorf("the current database changed: %v", err)
			}
			if left, _ := filepath.Glob(filepath.Join(dir, "*before-restore*")); len(left) > 0 {
				t.Errorf("moved aside although refused: %v", left)
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".los.db.restore-*")); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}
