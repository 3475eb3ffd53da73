package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// TestPoolIsBounded: with MaxConns connections busy, the next query waits
// for one instead of opening another (the audit's 1,000 inbox streams
// opened hundreds of SQLite connections, ~940 extra descriptors).
func TestPoolIsBounded(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "los.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var held []*sql.Rows
	defer func() {
		for _, r := range held {
			r.Close()
		}
	}()
	for range MaxConns {
		rows, err := s.db.QueryContext(ctx, `SELECT 1 UNION ALL SELECT 2`)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, rows) // open rows hold their connection
	}
	short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	var one int
	err = s.db.QueryRowContext(short, `SELECT 1`).Scan(&one)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("query beyond %d busy connections: err = %v, want it to wait (deadline exceeded)", MaxConns, err)
	}
	if n := s.db.Stats().OpenConnections; n > MaxConns {
		t.Errorf("%d connections open, want at most %d", n, MaxConns)
	}
}

// TestCommitsAreSynced: every pooled connection syncs each commit
// (synchronous=FULL, 2), so an acknowledged turn survives power loss.
func TestCommitsAreSynced(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "los.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var conns []*sql.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range 3 {
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		var level int
		if err := c.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&level); err != nil || level != 2 {
			t.Errorf("synchronous = %d, %v; want 2 (FULL)", level, err)
		}
	}
}
