package store

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/los-bot/los"
)

// constraintError is a constraint violation of either engine: a los error
// with the code callers act on, keeping the engine's error for the log.
type constraintError struct {
	los *los.Error
	err error
}

func (e *constraintError) Error() string   { return e.los.Message + ": " + e.err.Error() }
func (e *constraintError) Unwrap() []error { return []error{e.los, e.err} }

// dbError maps the constraint violations of SQLite and PostgreSQL to the
// same typed errors: a duplicate key is ECONFLICT, a reference to a row
// that does not exist ENOTFOUND, a failed CHECK or NOT NULL EINVALID.
// Other errors pass unchanged.
func dbError(err error) error {
	if err == nil {
		return nil
	}
	var code los.Code
	var msg string
	var pg *pgconn.PgError
	var lite *sqlite.Error
	switch {
	case errors.As(err, &pg):
		switch pg.Code {
		case "23505":
			code, msg = los.ECONFLICT, "a row with the same key exists already"
		case "23503":
			code, msg = los.ENOTFOUND, "a row it refers to does not exist"
		case "23514", "23502":
			code, msg = los.EINVALID, "a value is not allowed"
		}
	case errors.As(err, &lite):
		switch lite.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			code, msg = los.ECONFLICT, "a row with the same key exists already"
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			code, msg = los.ENOTFOUND, "a row it refers to does not exist"
		case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
			code, msg = los.EINVALID, "a value is not allowed"
		}
	}
	if code == "" {
		return err
	}
	return &constraintError{los: &los.Error{Code: code, Message: msg}, err: err}
}

// isRetryable reports a PostgreSQL transaction that lost a
// serialization or deadlock race and may simply run again.
func isRetryable(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && (pg.Code == "40001" || pg.Code == "40P01")
}
