package store

import (
	"database/sql/driver"
	"strings"

	"modernc.org/sqlite"
)

// SQLite's own lower() folds ASCII letters only; PostgreSQL's folds every
// letter. Replacing it with Go's makes case-insensitive searches in
// portable SQL (lower(text) LIKE ?) find "Østlandet" for "østlandet"
// here too.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("lower", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return strings.ToLower(v), nil
		case []byte:
			return strings.ToLower(string(v)), nil
		}
		return args[0], nil
	})
}
