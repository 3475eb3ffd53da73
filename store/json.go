package store

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"reflect"
)

// jsonColumn is a value kept as JSON text in one column: pass it to Exec
// to store *v, and to Scan to read the column into *v. A nil slice is
// stored as [], and a column that does not hold JSON of *v's type is an
// error, never a silently empty value.
type jsonColumn[T any] struct{ v *T }

// asJSON wraps v for a JSON column.
func asJSON[T any](v *T) jsonColumn[T] { return jsonColumn[T]{v: v} }

// Value marshals the value for the database.
func (c jsonColumn[T]) Value() (driver.Value, error) {
	rv := reflect.ValueOf(*c.v)
	if rv.Kind() == reflect.Slice && rv.IsNil() {
		return "[]", nil
	}
	b, err := json.Marshal(*c.v)
	if err != nil {
		return nil, fmt.Errorf("JSON column: %w", err)
	}
	return string(b), nil
}

// Scan unmarshals the column into the value.
func (c jsonColumn[T]) Scan(src any) error {
	var b []byte
	switch s := src.(type) {
	case string:
		b = []byte(s)
	case []byte:
		b = s
	case nil:
		var zero T
		*c.v = zero
		return nil
	default:
		return fmt.Errorf("JSON column: cannot read %T", src)
	}
	if err := json.Unmarshal(b, c.v); err != nil {
		return fmt.Errorf("JSON column: %w", err)
	}
	return nil
}
