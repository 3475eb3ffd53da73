package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/store"
)

// seedData gives the data directory an imported article (on top of the
// demo knowledge base) and a conversation.
func seedData(t *testing.T, env map[string]string) {
	t.Helper()
	dir := t.TempDir()
	body := "---\ntitle: Varmepumper fra Nordlys\n---\nVi selger varmepumper fra Nordlys.\n\n## Pris\nEn varmepumpe koster 19 990 kroner.\n"
	if err := os.WriteFile(filepath.Join(dir, "varmepumpe.md"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runLos(t, env, "", "kb", "import", dir); r.code != 0 {
		t.Fatalf("kb import: exit %d: %s", r.code, r.stderr)
	}
	ctx := context.Background()
	db, err := openStore(ctx, env["LOS_DATA"])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateConversation(ctx, &los.Conversation{ID: "samtale-1", TokenHash: []byte("t")}); err != nil {
		t.Fatal(err)
	}
	m := &los.Message{ConversationID: "samtale-1", Role: los.RoleCustomer, Text: "Hva koster en varmepumpe?", Created: time.Now()}
	if err := db.AddMessage(ctx, m); err != nil {
		t.Fatal(err)
	}
}

func TestBackupCommand(t *testing.T) {
	env := baseEnv(t)
	seedData(t, env)
	out := t.TempDir()
	existing := filepath.Join(out, "old.db")
	os.WriteFile(existing, []byte("keep me"), 0o600)
	missing := filepath.Join(t.TempDir(), "nope")
	empty := t.TempDir()
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{name: "writes and checks", env: env, args: []string{"backup", filepath.Join(out, "los-1.db")},
			wantOut: "articles, 1 conversations, 1 messages, schema "},
		{name: "refuses to overwrite", env: env, args: []string{"backup", existing}, wantCode: 1,
			wantErr: "exists already; choose a new name, or use --force"},
		{name: "force overwrites", env: env, args: []string{"backup", "--force", existing}, wantOut: "backed up "},
		{name: "no file", env: env, args: []string{"backup"}, wantCode: 2, wantErr: "Usage: los backup"},
		{name: "missing data directory", env: map[string]string{"LOS_DATA": missing}, args: []string{"backup", filepath.Join(out, "x.db")},
			wantCode: 1, wantErr: "data directory " + missing + " does not exist; --data (or LOS_DATA) chooses it"},
		{name: "no database", env: map[string]string{"LOS_DATA": empty}, args: []string{"backup", filepath.Join(out, "y.db")},
			wantCode: 1, wantErr: "no database at " + filepath.Join(empty, "los.db") + "; is " + empty + " the data directory los serve uses?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runLos(t, tt.env, "", tt.args...)
			if r.code != tt.wantCode || !strings.Contains(r.stdout, tt.wantOut) || !strings.Contains(r.stderr, tt.wantErr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, %q, %q", r.code, r.stdout, r.stderr, tt.wantCode, tt.wantOut, tt.wantErr)
			}
		})
	}
	if b, _ := os.ReadFile(existing); !strings.HasPrefix(string(b), "SQLite format 3") {
		t.Error("--force did not replace the file with a database")
	}
	for _, name := range []string{"x.db", "y.db"} {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("a failed backup left %s", name)
		}
	}
}

// TestBackupRestoreRoundTrip: data changed after a backup comes back on
// restore, and the search index is rebuilt at the next start.
func TestBackupRestoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	env := baseEnv(t)
	seedData(t, env)
	backup := filepath.Join(t.TempDir(), "los.db")
	if r := runLos(t, env, "", "backup", backup); r.code != 0 {
		t.Fatalf("backup: exit %d: %s", r.code, r.stderr)
	}

	db, err := openStore(ctx, env["LOS_DATA"])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Delete(ctx, "varmepumpe", "test"); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteConversation(ctx, "samtale-1"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if r := runLos(t, env, "", "kb", "search", "varmepumpe pris"); strings.Contains(r.stdout, "varmepumpe#") {
		t.Fatalf("the deleted article is still found:\n%s", r.stdout)
	}

	r := runLos(t, env, "", "restore", backup)
	if r.code != 0 {
		t.Fatalf("restore: exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "1 conversations") || !strings.Contains(r.stdout, "the previous database is kept at") {
		t.Errorf("restore output: %q", r.stdout)
	}
	if !strings.Contains(r.stderr, "the next start rebuilds it") {
		t.Errorf("the log does not say the index will be rebuilt: %q", r.stderr)
	}
	if aside, _ := filepath.Glob(filepath.Join(env["LOS_DATA"], "los.db.before-restore-*")); len(aside) != 1 {
		t.Errorf("previous database files: %v, want one", aside)
	}

	r = runLos(t, env, "", "kb", "search", "varmepumpe pris")
	if r.code != 0 || !strings.Contains(r.stdout, "varmepumpe#") {
		t.Errorf("the restored article is not found: exit %d, out %q", r.code, r.stdout)
	}
	if !strings.Contains(r.stderr, "building it") {
		t.Errorf("the index was not rebuilt at start: %q", r.stderr)
	}
	db, err = openStore(ctx, env["LOS_DATA"])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	msgs, err := db.Messages(ctx, "samtale-1")
	if err != nil || len(msgs) != 1 || msgs[0].Text != "Hva koster en varmepumpe?" {
		t.Errorf("restored conversation: %+v, %v", msgs, err)
	}
}

func TestRestoreRefuses(t *testing.T) {
	env := baseEnv(t)
	seedData(t, env)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	if r := runLos(t, env, "", "backup", good); r.code != 0 {
		t.Fatalf("backup: exit %d: %s", r.code, r.stderr)
	}
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte(strings.Repeat("dette er ikke en database\n", 100)), 0o600)
	other := filepath.Join(dir, "other.db")
	odb, err := sql.Open("sqlite", "file:"+other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := odb.Exec("CREATE TABLE notes (x TEXT)"); err != nil {
		t.Fatal(err)
	}
	odb.Close()
	newer := filepath.Join(dir, "newer.db")
	if r := runLos(t, env, "", "backup", newer); r.code != 0 {
		t.Fatalf("backup: exit %d: %s", r.code, r.stderr)
	}
	ndb, err := sql.Open("sqlite", "file:"+newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ndb.Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	ndb.Close()
	// A running los serve holds the store open; so does this.
	held, err := openStore(context.Background(), env["LOS_DATA"])
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()

	tests := []struct {
		name, file, wantErr string
	}{
		{"not a database", text, text + " is not an SQLite database: not a Los database; nothing was changed"},
		{"not a Los database", other, other + " is an SQLite database without Los's tables"},
		{"newer schema", newer, fmt.Sprintf("has schema version 999, this build knows up to %d: database schema is newer than this build; "+
			"upgrade los (this is dev) to the version that wrote the backup or newer; nothing was changed", store.SchemaVersion())},
		{"missing file", filepath.Join(dir, "missing.db"), "no such file"},
		{"in use", good, "the database is in use (another process has it open): stop los serve"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runLos(t, env, "", "restore", tt.file)
			if r.code != 1 || !strings.Contains(r.stderr, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want 1 and %q", r.code, r.stderr, tt.wantErr)
			}
			if _, err := held.Conversation(context.Background(), "samtale-1"); err != nil {
				t.Errorf("the current database changed: %v", err)
			}
			if aside, _ := filepath.Glob(filepath.Join(env["LOS_DATA"], "*before-restore*")); len(aside) > 0 {
				t.Errorf("moved aside although refused: %v", aside)
			}
			if _, err := os.Stat(filepath.Join(env["LOS_DATA"], "index")); err != nil {
				t.Errorf("the index was removed although refused: %v", err)
			}
		})
	}
}

// TestBackupOnPostgresSaysPgDump: with the store on PostgreSQL, backup
// and restore refuse before touching anything and name PostgreSQL's tools.
func TestBackupOnPostgresSaysPgDump(t *testing.T) {
	env := map[string]string{"LOS_DATA": t.TempDir(), "LOS_DATABASE_URL": "postgres://los@127.0.0.1:1/los"}
	for cmd, tool := range map[string]string{"backup": "pg_dump", "restore": "pg_restore"} {
		r := runLos(t, env, "", cmd, filepath.Join(t.TempDir(), "x.db"))
		if r.code == 0 || !strings.Contains(r.stderr, tool) || !strings.Contains(r.stderr, "PostgreSQL") {
			t.Errorf("los %s: exit %d, stderr %q", cmd, r.code, r.stderr)
		}
	}
}
