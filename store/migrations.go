package store

import (
	"embed"
	"io/fs"
	"sort"
)

// migrationFiles are the schema's steps as plain SQL, one file each,
// applied in the order of their names; the database's user_version counts
// the ones applied. Never edit one that has shipped: add a new one.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrations are the files' SQL, in order.
var migrations = mustReadMigrations()

func mustReadMigrations() []string {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	out := make([]string, len(names))
	for i, name := range names {
		b, err := migrationFiles.ReadFile(name)
		if err != nil {
			panic(err) // embedded at build time: cannot fail
		}
		out[i] = string(b)
	}
	return out
}
