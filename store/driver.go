package store

import (
	"context"
	"database/sql/driver"
)

// The store reaches both engines through database/sql, over connections
// wrapped here so the per-area SQL stays the same for both: on PostgreSQL
// the portable ? placeholders become $1, $2... and Go booleans become the
// 0/1 integers both schemas store; on both, a constraint violation becomes
// a typed los error (see dbError).

// connector wraps the engine's connector.
type connector struct {
	inner driver.Connector
	eng   engine
}

func (c connector) Connect(ctx context.Context) (driver.Conn, error) {
	cn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &conn{inner: cn, eng: c.eng}, nil
}

func (c connector) Driver() driver.Driver { return c.inner.Driver() }

type conn struct {
	inner driver.Conn
	eng   engine
}

var (
	_ driver.ConnPrepareContext = (*conn)(nil)
	_ driver.ConnBeginTx        = (*conn)(nil)
	_ driver.ExecerContext      = (*conn)(nil)
	_ driver.QueryerContext     = (*conn)(nil)
	_ driver.NamedValueChecker  = (*conn)(nil)
	_ driver.Pinger             = (*conn)(nil)
	_ driver.SessionResetter    = (*conn)(nil)
	_ driver.Validator          = (*conn)(nil)
)

func (c *conn) query(q string, args int) string {
	if c.eng == enginePostgres && args > 0 {
		return rebind(q)
	}
	return q
}

func (c *conn) Prepare(q string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), q)
}

func (c *conn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	if c.eng == enginePostgres {
		q = rebind(q)
	}
	var st driver.Stmt
	var err error
	if p, ok := c.inner.(driver.ConnPrepareContext); ok {
		st, err = p.PrepareContext(ctx, q)
	} else {
		st, err = c.inner.Prepare(q)
	}
	if err != nil {
		return nil, dbError(err)
	}
	return &stmt{inner: st}, nil
}

func (c *conn) Close() error { return c.inner.Close() }

func (c *conn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if b, ok := c.inner.(driver.ConnBeginTx); ok {
		return b.BeginTx(ctx, opts)
	}
	//lint:ignore SA1019 the fallback for drivers without BeginTx
	return c.inner.Begin()
}

func (c *conn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	e, ok := c.inner.(driver.ExecerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	res, err := e.ExecContext(ctx, c.query(q, len(args)), args)
	return res, dbError(err)
}

func (c *conn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	qr, ok := c.inner.(driver.QueryerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	r, err := qr.QueryContext(ctx, c.query(q, len(args)), args)
	if err != nil {
		return nil, dbError(err)
	}
	return rows{r}, nil
}

// CheckNamedValue stores a bool as 0 or 1 on PostgreSQL, where the
// columns are integers as on SQLite; everything else is the driver's.
func (c *conn) CheckNamedValue(nv *driver.NamedValue) error {
	if b, ok := nv.Value.(bool); ok && c.eng == enginePostgres {
		nv.Value = int64(0)
		if b {
			nv.Value = int64(1)
		}
		return nil
	}
	if ch, ok := c.inner.(driver.NamedValueChecker); ok {
		return ch.CheckNamedValue(nv)
	}
	return driver.ErrSkip
}

func (c *conn) Ping(ctx context.Context) error {
	if p, ok := c.inner.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (c *conn) ResetSession(ctx context.Context) error {
	if r, ok := c.inner.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c *conn) IsValid() bool {
	if v, ok := c.inner.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

// Raw returns the engine's own connection, for code that needs its
// extensions (through sql.Conn.Raw).
func (c *conn) Raw() driver.Conn { return c.inner }

type stmt struct{ inner driver.Stmt }

func (s *stmt) Close() error  { return s.inner.Close() }
func (s *stmt) NumInput() int { return s.inner.NumInput() }

func (s *stmt) Exec(args []driver.Value) (driver.Result, error) {
	//lint:ignore SA1019 the fallback database/sql uses
	res, err := s.inner.Exec(args)
	return res, dbError(err)
}

func (s *stmt) Query(args []driver.Value) (driver.Rows, error) {
	//lint:ignore SA1019 the fallback database/sql uses
	r, err := s.inner.Query(args)
	if err != nil {
		return nil, dbError(err)
	}
	return rows{r}, nil
}

func (s *stmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	e, ok := s.inner.(driver.StmtExecContext)
	if !ok {
		return s.Exec(values(args))
	}
	res, err := e.ExecContext(ctx, args)
	return res, dbError(err)
}

func (s *stmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := s.inner.(driver.StmtQueryContext)
	if !ok {
		return s.Query(values(args))
	}
	r, err := q.QueryContext(ctx, args)
	if err != nil {
		return nil, dbError(err)
	}
	return rows{r}, nil
}

func values(args []driver.NamedValue) []driver.Value {
	out := make([]driver.Value, len(args))
	for i, a := range args {
		out[i] = a.Value
	}
	return out
}

// rows maps the errors of INSERT ... RETURNING, which SQLite reports when
// the row is read.
type rows struct{ driver.Rows }

func (r rows) Next(dest []driver.Value) error { return dbError(r.Rows.Next(dest)) }
