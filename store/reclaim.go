package store

import "context"

// Reclaim lets the engine reuse the space of deleted rows after a
// retention purge. On SQLite it does nothing: secure_delete overwrote the
// rows as they were deleted. On PostgreSQL it runs VACUUM on the tables a
// purge deletes from: dead row versions stay in the data files until
// VACUUM marks their space free, and their bytes until new rows overwrite
// it (README.md says what PostgreSQL does not guarantee).
func (s *DB) Reclaim(ctx context.Context) error {
	if s.eng != enginePostgres {
		return nil
	}
	_, err := s.db.ExecContext(ctx, `VACUUM conversations, messages, handoffs, callbacks, csat, events, webhook_deliveries`)
	return err
}
