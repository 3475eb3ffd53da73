package store

import (
	"context"
	"database/sql"
	"fmt"
)

// ExecForTest runs raw SQL, for tests that check what the schema forbids.
func (s *DB) ExecForTest(ctx context.Context, query string) error {
	_, err := s.db.ExecContext(ctx, query)
	return err
}

// CreateAtVersionForTest creates a database at path with only the first n
// migrations applied, as an older Los left it.
func CreateAtVersionForTest(ctx context.Context, path string, n int) error {
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return err
	}
	defer db.Close()
	for i, m := range migrations[:n] {
		if _, err := db.ExecContext(ctx, m); err != nil {
			return err
		}
		if _, err := db.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			return err
		}
	}
	return nil
}
