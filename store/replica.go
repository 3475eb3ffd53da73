package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// What replicas sharing one PostgreSQL database use to stay in step: the
// articles' stamps their indexes follow, notifications, and jobs that run
// on one replica at a time. On SQLite (one process) they work too, simply.

// ArticleStamp says when an article as customers see it last changed.
type ArticleStamp struct {
	Slug      string
	Updated   int64 // Unix milliseconds, as stored
	Published bool
}

// ArticleStamps returns the knowledge-base revision and every article's
// stamp, read together: an index holding exactly these articles is at
// that revision.
func (s *DB) ArticleStamps(ctx context.Context) (string, []ArticleStamp, error) {
	var rev string
	var out []ArticleStamp
	err := s.tx(ctx, func(tx *sql.Tx) error {
		out = out[:0]
		err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'kb_revision'`).Scan(&rev)
		if isNoRows(err) {
			rev, err = "0", nil
		}
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT slug, updated, published FROM articles ORDER BY slug`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a ArticleStamp
			if err := rows.Scan(&a.Slug, &a.Updated, &a.Published); err != nil {
				return err
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	return rev, out, err
}

// Notify sends payload on a PostgreSQL notification channel, to every
// replica listening; on SQLite there is nobody else and it does nothing.
func (s *DB) Notify(ctx context.Context, channel, payload string) error {
	if s.eng != enginePostgres {
		return nil
	}
	_, err := s.db.ExecContext(ctx, `SELECT pg_notify(CAST(? AS TEXT), CAST(? AS TEXT))`, channel, payload)
	return err
}

// RunOnce runs job unless another replica is running the job of the same
// name: on PostgreSQL under a session advisory lock taken without
// waiting, on SQLite (one process) always. It reports whether job ran.
func (s *DB) RunOnce(ctx context.Context, name string, job func(context.Context) error) (bool, error) {
	if s.eng != enginePostgres {
		return true, job(ctx)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	var got bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(hashtext(CAST(? AS TEXT)))`, "los:"+name).Scan(&got); err != nil {
		return false, err
	}
	if !got {
		return false, nil
	}
	defer func() {
		// A lost connection has released the lock already.
		uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		conn.ExecContext(uctx, `SELECT pg_advisory_unlock(hashtext(CAST(? AS TEXT)))`, "los:"+name)
	}()
	if err := job(ctx); err != nil {
		return true, fmt.Errorf("%s: %w", name, err)
	}
	return true, nil
}
