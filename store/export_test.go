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

// ColumnsForTest lists every table's columns, "table.column", sorted, as
// the engine's catalog has them.
func (s *DB) ColumnsForTest(ctx context.Context) ([]string, error) {
	q := `SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%' ORDER BY 1`
	if s.eng == enginePostgres {
		q = `SELECT table_name || '.' || column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name NOT IN ('los_schema', 'login_failures') ORDER BY 1`
	}
	rows, err := s.db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// PGTypesForTest is the PostgreSQL translation of a migration's types.
var PGTypesForTest = pgTypes
