package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// ErrNotEmpty: the target of a copy already holds Los data.
var ErrNotEmpty = errors.New("the target database is not empty")

// TableCount is one table's rows in the source and in the target after a
// copy.
type TableCount struct {
	Table          string
	Source, Target int64
}

// CopyOptions tune CopyTo.
type CopyOptions struct {
	// Force replaces what the target holds; without it a target with
	// rows in any Los table is refused with ErrNotEmpty.
	Force bool
	// Progress, when set, hears of the rows copied so far of all.
	Progress func(done, total int64)
}

// CopyTo copies every table of the SQLite store src into the PostgreSQL
// store dst (both at this build's schema: open them with Open and
// OpenPostgres), in one PostgreSQL transaction: all or nothing, so a copy
// that fails or is interrupted leaves the target as it was and may simply
// run again. Row IDs are kept and the target's ID sequences moved past
// them. Before committing it counts every table on both sides and
// refuses to commit if a count differs. Tables go in the order their
// foreign keys need, so tables added by later migrations are copied too.
func CopyTo(ctx context.Context, src, dst *DB, opts CopyOptions) ([]TableCount, error) {
	if src.eng != engineSQLite || dst.eng != enginePostgres {
		return nil, errors.New("copy goes from an SQLite store to a PostgreSQL store")
	}
	read, err := src.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer read.Rollback()
	tables, err := copyOrder(ctx, read)
	if err != nil {
		return nil, err
	}
	counts := make([]TableCount, len(tables))
	var total int64
	for i, t := range tables {
		counts[i].Table = t
		if err := read.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&counts[i].Source); err != nil {
			return nil, err
		}
		total += counts[i].Source
	}
	target, err := dst.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer target.Close()
	err = target.Raw(func(dc any) error {
		pg := dc.(*conn).inner.(*stdlib.Conn).Conn()
		return pgx.BeginFunc(ctx, pg, func(tx pgx.Tx) error {
			if err := prepareTarget(ctx, tx, tables, opts.Force); err != nil {
				return err
			}
			var done int64
			for i, t := range tables {
				n, err := copyTable(ctx, read, tx, t, func(k int64) {
					if opts.Progress != nil {
						opts.Progress(done+k, total)
					}
				})
				if err != nil {
					return fmt.Errorf("copy %s: %w", t, err)
				}
				done += n
				if err := tx.QueryRow(ctx, `SELECT count(*) FROM `+t).Scan(&counts[i].Target); err != nil {
					return err
				}
				if counts[i].Target != counts[i].Source {
					return fmt.Errorf("table %s: %d rows in the source, %d in the target; nothing was kept", t, counts[i].Source, counts[i].Target)
				}
			}
			return nil
		})
	})
	return counts, err
}

// copyOrder lists the source's tables, each after those it refers to.
func copyOrder(ctx context.Context, q *sql.Tx) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.name, coalesce(f."table", '') FROM sqlite_master m
		LEFT JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	deps := map[string][]string{}
	var names []string
	for rows.Next() {
		var name, ref string
		if err := rows.Scan(&name, &ref); err != nil {
			return nil, err
		}
		if _, ok := deps[name]; !ok {
			names = append(names, name)
			deps[name] = nil
		}
		if ref != "" && ref != name {
			deps[name] = append(deps[name], ref)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []string
	var visit func(string, int) error
	visit = func(n string, depth int) error {
		if slices.Contains(out, n) {
			return nil
		}
		if depth > len(names) {
			return fmt.Errorf("foreign keys of %s go round in a circle", n)
		}
		for _, d := range deps[n] {
			if err := visit(d, depth+1); err != nil {
				return err
			}
		}
		out = append(out, n)
		return nil
	}
	for _, n := range names {
		if err := visit(n, 0); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// prepareTarget refuses a target with Los rows, or with force empties it
// (the audit log's append-only triggers stand aside for this one
// transaction).
func prepareTarget(ctx context.Context, tx pgx.Tx, tables []string, force bool) error {
	var full []string
	for _, t := range tables {
		var any bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+t+`)`).Scan(&any); err != nil {
			return fmt.Errorf("table %s in the target: %w (is the target at this build's schema?)", t, err)
		}
		if any {
			full = append(full, t)
		}
	}
	if len(full) == 0 {
		return nil
	}
	if !force {
		return fmt.Errorf("%w: %s hold rows", ErrNotEmpty, strings.Join(full, ", "))
	}
	if _, err := tx.Exec(ctx, `ALTER TABLE audit_log DISABLE TRIGGER USER`); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `TRUNCATE `+strings.Join(tables, ", ")+` RESTART IDENTITY CASCADE`); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `ALTER TABLE audit_log ENABLE TRIGGER USER`)
	return err
}

// copyTable copies table t's rows with COPY, then moves its ID sequence
// past them.
func copyTable(ctx context.Context, read *sql.Tx, tx pgx.Tx, t string, progress func(int64)) (int64, error) {
	rows, err := read.QueryContext(ctx, `SELECT * FROM `+t)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	src := &rowSource{rows: rows, vals: make([]any, len(cols)), progress: progress}
	n, err := tx.CopyFrom(ctx, pgx.Identifier{t}, cols, src)
	if err != nil {
		return n, err
	}
	if slices.Contains(cols, "id") {
		var identity bool
		if err := tx.QueryRow(ctx, `SELECT pg_get_serial_sequence($1, 'id') IS NOT NULL`, t).Scan(&identity); err != nil {
			return n, err
		}
		if identity {
			if _, err := tx.Exec(ctx, `SELECT setval(pg_get_serial_sequence($1, 'id'), coalesce(max(id), 0) + 1, false) FROM `+t, t); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// rowSource feeds an SQLite result to COPY.
type rowSource struct {
	rows     *sql.Rows
	vals     []any
	n        int64
	progress func(int64)
	err      error
}

func (r *rowSource) Next() bool {
	if !r.rows.Next() {
		return false
	}
	ptrs := make([]any, len(r.vals))
	for i := range r.vals {
		ptrs[i] = &r.vals[i]
	}
	if r.err = r.rows.Scan(ptrs...); r.err != nil {
		return false
	}
	r.n++
	if r.n%1000 == 0 {
		r.progress(r.n)
	}
	return true
}

func (r *rowSource) Values() ([]any, error) { return r.vals, r.err }

func (r *rowSource) Err() error {
	if r.err != nil {
		return r.err
	}
	r.progress(r.n)
	return r.rows.Err()
}
