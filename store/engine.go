package store

import (
	"fmt"
	"strings"
)

// engine is the database under the store.
type engine uint8

const (
	engineSQLite engine = iota
	enginePostgres
)

func (e engine) String() string {
	if e == enginePostgres {
		return "postgres"
	}
	return "sqlite"
}

// The few places where the two engines' SQL differs are the functions
// below; every other statement is written once (see README.md in this
// directory for the rules).

// jsonEach is a FROM item over the elements of a JSON array of strings in
// column expr, named alias, each element in alias.value. Join it with
// CROSS JOIN (it may refer to the tables before it).
func (e engine) jsonEach(expr, alias string) string {
	if e == enginePostgres {
		return fmt.Sprintf("jsonb_array_elements_text(CAST(%s AS jsonb)) AS %s(value)", expr, alias)
	}
	return fmt.Sprintf("json_each(%s) AS %s", expr, alias)
}

// contains is a condition true when column col contains the text of one
// placeholder, case-sensitively, with no wildcard characters.
func (e engine) contains(col string) string {
	if e == enginePostgres {
		return "strpos(" + col + ", ?) > 0"
	}
	return "instr(" + col + ", ?) > 0"
}

// forUpdateSkipLocked ends a SELECT that claims rows: on PostgreSQL other
// transactions skip the rows it locks; SQLite has one writer at a time
// and needs nothing. tables names the tables whose rows are claimed.
func (e engine) forUpdateSkipLocked(tables ...string) string {
	if e != enginePostgres {
		return ""
	}
	return " FOR UPDATE OF " + strings.Join(tables, ", ") + " SKIP LOCKED"
}
