package pgtest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// CreateDatabase creates the empty database name (from template1, owned by
// the superuser) and returns its URL.
func (c *Cluster) CreateDatabase(ctx context.Context, name string) (string, error) {
	if _, err := c.admin.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", fmt.Errorf("creating database %s: %w", name, err)
	}
	return c.URL(name), nil
}

// DropDatabase drops database name if it exists, ending its connections
// first (WITH (FORCE), PostgreSQL 13 and later).
func (c *Cluster) DropDatabase(ctx context.Context, name string) error {
	if _, err := c.admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("dropping database %s: %w", name, err)
	}
	return nil
}

// NewDatabase creates an empty database for test t, named after it, and
// returns its URL. The database is dropped when the test ends, after the
// cleanups the test registers itself; connections still open are ended.
func (c *Cluster) NewDatabase(t testing.TB) string {
	t.Helper()
	name := dbName(t.Name(), c.dbSeq.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	u, err := c.CreateDatabase(ctx, name)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := c.DropDatabase(ctx, name); err != nil {
			t.Errorf("pgtest: %v", err)
		}
	})
	return u
}

// dbName makes a database name from a test name: lower case letters, digits
// and underscores, within PostgreSQL's 63 bytes, unique by seq.
func dbName(test string, seq int64) string {
	var b strings.Builder
	b.WriteString("t_")
	under := true
	for _, r := range strings.ToLower(test) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			under = false
		case !under:
			b.WriteByte('_')
			under = true
		}
	}
	name := strings.TrimSuffix(b.String(), "_")
	suffix := "_" + strconv.FormatInt(seq, 10)
	const maxLen = 63
	if len(name)+len(suffix) > maxLen {
		name = strings.TrimSuffix(name[:maxLen-len(suffix)], "_")
	}
	return name + suffix
}
