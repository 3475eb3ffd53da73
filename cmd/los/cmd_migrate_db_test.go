package main

import (
	"context"
	"strings"
	"testing"

	"github.com/los-bot/los/internal/pgtest"
	"github.com/los-bot/los/store"
)

// TestMigrateDB: los migrate-db copies the data directory's SQLite store
// (here the demo knowledge base and a user) to PostgreSQL with a count
// per table, refuses to copy again into the full target, and replaces it
// with --force.
func TestMigrateDB(t *testing.T) {
	env := baseEnv(t)
	if r := runLos(t, env, "", "ask", "Hvordan endrer jeg fakturaadressen min?"); r.code != 0 { // loads the demo knowledge base
		t.Fatalf("ask: %d %s", r.code, r.stderr)
	}
	if r := runLos(t, env, "s3cret-passord-123\n", "users", "add", "--role", "agent", "--email", "kari@example.no"); r.code != 0 {
		t.Fatalf("users add: %d %s", r.code, r.stderr)
	}
	dsn := pgtest.NewDatabase(t)
	r := runLos(t, env, "", "migrate-db", "--to", dsn)
	if r.code != 0 {
		t.Fatalf("migrate-db: exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"articles", "users", "every count verified", "LOS_DATABASE_URL"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, pgPassword(dsn)) {
		t.Error("the output shows the database password")
	}
	db, err := store.OpenPostgres(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n, err := db.CountArticles(context.Background()); err != nil || n == 0 {
		t.Errorf("%d articles on PostgreSQL (%v)", n, err)
	}
	if u, err := db.UserByEmail(context.Background(), "kari@example.no"); err != nil || u.Role != "agent" {
		t.Errorf("user on PostgreSQL: %+v, %v", u, err)
	}

	r = runLos(t, env, "", "migrate-db", "--to", dsn)
	if r.code == 0 || !strings.Contains(r.stderr, "not empty") || !strings.Contains(r.stderr, "--force") {
		t.Errorf("copy into a full target: exit %d, %s", r.code, r.stderr)
	}
	if r = runLos(t, env, "", "migrate-db", "--force", "--to", dsn); r.code != 0 {
		t.Errorf("--force: exit %d, %s", r.code, r.stderr)
	}
	if r = runLos(t, env, "", "migrate-db", "--to", "mysql://x/y"); r.code == 0 || !strings.Contains(r.stderr, "PostgreSQL URL") {
		t.Errorf("a URL that is not PostgreSQL's: exit %d, %s", r.code, r.stderr)
	}
}

func pgPassword(dsn string) string {
	at := strings.Index(dsn, "@")
	colon := strings.LastIndex(dsn[:at], ":")
	return dsn[colon+1 : at]
}
