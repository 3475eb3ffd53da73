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
	"github.com/los-bot/los/store"
)

// addConversation stores a conversation with n messages.
func addConversation(t *testing.T, db *store.DB, id string, n int) {
	t.Helper()
	ctx := context.Background()
	if err := db.CreateConversation(ctx, &los.Conversation{ID: id, TokenHash: []byte(id)}); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		m := &los.Message{ConversationID: id, Role: los.RoleCustomer, Text: fmt.Sprintf("melding %d", i), Created: time.Now()}
		if err := db.AddMessage(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
}

func countRows(t *testing.T, path, table string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestBackupWhileWriting: a snapshot taken while another connection keeps
// committing is intact and holds at least what was committed before it began.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "los.db")
	db, err := store.Open(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	addConversation(t, db, "base", 500)

	committed := make(chan int, 1000)
	stop := make(chan struct{})
	done := make(chan error)
	go func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			c := &los.Conversation{ID: fmt.Sprintf("w%d", i), TokenHash: []byte("x")}
			if err := db.CreateConversation(ctx, c); err != nil {
				done <- err
				return
			}
			select {
			case committed <- i + 1:
			default:
			}
		}
	}()
	// Wait until the writer has committed some rows, then note how many.
	before := 0
	for before < 20 {
		before = <-committed
	}
	dst := filepath.Join(dir, "backup.db")
	info, err := store.Backup(ctx, src, dst, false)
	close(stop)
	if werr := <-done; werr != nil {
		t.Fatalf("writer: %v", werr)
	}
	if err != nil {
		t.Fatal(err)
	}
	if info.Path != dst || info.Version != store.SchemaVersion() || info.Messages != 500 {
		t.Errorf("info = %+v", info)
	}
	if _, err := store.Verify(ctx, dst); err != nil {
		t.Fatalf("the backup does not verify: %v", err)
	}
	written := countRows(t, dst, "conversations") - 1 // less "base"
	if written < before {
		t.Errorf("the snapshot has %d written conversations, want at least the %d committed before it began", written, before)
	}
	if fi, err := os.Stat(dst); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode = %v, %v; want 0600", fi.Mode(), err)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".backup.db.*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestBackupTargets(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "los.db")
	db, err := store.Open(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	existing := filepath.Join(dir, "old.db")
	os.WriteFile(existing, []byte("an older backup"), 0o600)
	tests := []struct {
		name      string
		dst       string
		overwrite bool
		wantErr   string
	}{
		{name: "exists", dst: existing, wantErr: "exists already; choose a new name, or use --force"},
		{name: "the live database, even with force", dst: src, overwrite: true, wantErr: "is the live database"},
		{name: "a directory", dst: dir, overwrite: true, wantErr: "is a directory"},
		{name: "missing directory", dst: filepath.Join(dir, "nope", "b.db"), wantErr: "backup directory"},
		{name: "force replaces", dst: existing, overwrite: true},
		{name: "odd name", dst: filepath.Join(dir, "it's #1?.db")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := store.Backup(ctx, src, tt.dst, tt.overwrite)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if _, err := store.Verify(ctx, tt.dst); err != nil {
					t.Errorf("backup does not verify: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want it to say %q", err, tt.wantErr)
			}
		})
	}
	if b, _ := os.ReadFile(src); len(b) < 100 || string(b[:15]) != "SQLite format 3" {
		t.Error("the live database was damaged")
	}
}

func TestVerifyRejects(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	other := filepath.Join(dir, "other.db")
	odb, err := sql.Open("sqlite", "file:"+other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := odb.Exec("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('hei')"); err != nil {
		t.Fatal(err)
	}
	odb.Close()
	damaged := filepath.Join(dir, "damaged.db")
	ldb, err := store.Open(ctx, filepath.Join(dir, "los.db"))
	if err != nil {
		t.Fatal(err)
	}
	addConversation(t, ldb, "k", 300)
	_, err = store.Backup(ctx, filepath.Join(dir, "los.db"), damaged, false)
	ldb.Close()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(damaged)
	copy(b[len(b)/2:], strings.Repeat("\xff", 3000))
	write("damaged.db", b)

	tests := []struct {
		name, path, want string
		notLos           bool
	}{
		{"text file", write("notes.txt", []byte(strings.Repeat("dette er ikke en database\n", 200))), "is not an SQLite database", true},
		{"empty file", write("empty.db", nil), "is empty", true},
		{"another program's database", other, "without Los's tables", true},
		{"damaged", damaged, "is damaged", false},
		{"missing", filepath.Join(dir, "missing.db"), "no such file", false},
		{"directory", dir, "is a directory", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := store.Verify(ctx, tt.path)
			if err == nil || !strings.Contains(err.Error(), tt.want) || errors.Is(err, store.ErrNotLos) != tt.notLos {
				t.Errorf("err = %v, want %q (ErrNotLos %v)", err, tt.want, tt.notLos)
			}
		})
	}
}

func TestBackupMissingSource(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "los.db")
	_, err := store.Backup(context.Background(), src, filepath.Join(dir, "b.db"), false)
	if err == nil {
		t.Fatal("backup of a missing database succeeded")
	}
	if _, err := os.Stat(src); err == nil {
		t.Error("the backup created an empty database at the source path")
	}
}
