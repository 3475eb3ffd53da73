package store

import "context"

// ExecForTest runs raw SQL, for tests that check what the schema forbids.
func (s *DB) ExecForTest(ctx context.Context, query string) error {
	_, err := s.db.ExecContext(ctx, query)
	return err
}
