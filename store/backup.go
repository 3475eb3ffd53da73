package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Errors of backup and restore that callers explain to the operator.
var (
	// ErrInUse: another connection (a running server) holds the database.
	ErrInUse = errors.New("the database is in use")
	// ErrNotLos: the file is not a Los database, or not a database at all.
	ErrNotLos = errors.New("not a Los database")
	// ErrTooNew: the file was written by a newer Los.
	ErrTooNew = errors.New("database schema is newer than this build")
)

// SchemaVersion is the schema version this build writes: the number of
// migrations. Open brings an older database up to it.
func SchemaVersion() int { return len(migrations) }

// FileInfo describes a database file that passed Verify.
type FileInfo struct {
	Path          string
	Size          int64
	Version       int // schema version (PRAGMA user_version)
	Articles      int
	Conversations int
	Messages      int
}

// Backup writes a consistent snapshot of the database at src to dst with
// VACUUM INTO, on a connection of its own, so a server using src keeps
// reading and writing meanwhile. The snapshot is written to a temporary
// file beside dst, verified, and renamed to dst only when complete: a
// failed backup never leaves a partial file at dst. An existing dst is
// replaced only when overwrite is set. The returned FileInfo describes dst.
func Backup(ctx context.Context, src, dst string, overwrite bool) (FileInfo, error) {
	src, err := filepath.Abs(src)
	if err != nil {
		return FileInfo{}, err
	}
	if dst, err = filepath.Abs(dst); err != nil {
		return FileInfo{}, err
	}
	if err := checkTarget(src, dst, overwrite); err != nil {
		return FileInfo{}, err
	}
	// mode=rw: a missing database is an error, not created empty.
	db, err := sql.Open("sqlite", fileURI(src, "mode=rw&_pragma=busy_timeout(10000)"))
	if err != nil {
		return FileInfo{}, err
	}
	defer db.Close()
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return FileInfo{}, fmt.Errorf("read %s: %w", src, err)
	}

	// VACUUM INTO accepts an empty existing file, so a unique temporary
	// name can be reserved first; CreateTemp makes it readable by the
	// owner only, as a copy of customer conversations should be.
	f, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".*.tmp")
	if err != nil {
		return FileInfo{}, fmt.Errorf("create backup file: %w", err)
	}
	tmp := f.Name()
	f.Close()
	done := false
	defer func() {
		if !done {
			// A failed VACUUM INTO can leave its journal behind too.
			for _, suffix := range []string{"", "-journal", "-wal"} {
				os.Remove(tmp + suffix)
			}
		}
	}()
	// The target is an expression, so it binds as a parameter: no quoting.
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		if sqliteCode(err) == sqlite3.SQLITE_FULL {
			return FileInfo{}, fmt.Errorf("write snapshot to %s: the disk is full (the snapshot needs about as much space as %s)", filepath.Dir(dst), src)
		}
		return FileInfo{}, fmt.Errorf("write snapshot to %s: %w", filepath.Dir(dst), err)
	}
	info, err := Verify(ctx, tmp)
	if err != nil {
		return FileInfo{}, fmt.Errorf("the snapshot failed verification: %w", err)
	}
	if info.Version != version {
		return FileInfo{}, fmt.Errorf("the snapshot has schema version %d, the database %d", info.Version, version)
	}
	if err := syncFile(tmp); err != nil {
		return FileInfo{}, err
	}
	// Checked again: dst may have appeared while the snapshot was written.
	if err := checkTarget(src, dst, overwrite); err != nil {
		return FileInfo{}, err
	}
	if err := os.Rename(tmp, dst); err != nil {
		return FileInfo{}, err
	}
	done = true
	syncDir(filepath.Dir(dst))
	info.Path = dst
	return info, nil
}

// checkTarget refuses a dst that exists (unless overwrite) and, always, one
// that is the database itself or one of its companion files.
func checkTarget(src, dst string, overwrite bool) error {
	fi, err := os.Stat(dst)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if _, err := os.Stat(filepath.Dir(dst)); err != nil {
			return fmt.Errorf("backup directory: %w", err)
		}
		return nil
	case err != nil:
		return err
	case fi.IsDir():
		return fmt.Errorf("%s is a directory; name the backup file, e.g. %s", dst, filepath.Join(dst, "los.db"))
	}
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if sfi, err := os.Stat(src + suffix); err == nil && os.SameFile(fi, sfi) {
			return fmt.Errorf("%s is the live database%s; write the backup elsewhere", dst, suffix)
		}
	}
	if !overwrite {
		return fmt.Errorf("%s exists already; choose a new name, or use --force to replace it", dst)
	}
	return nil
}

// Verify opens the database file at path read-only and checks that it is
// intact (PRAGMA integrity_check) and a Los database, and counts what it
// holds. It does not judge the schema version; see FileInfo.Version.
func Verify(ctx context.Context, path string) (FileInfo, error) {
	path, err := filepath.Abs(path)
	if err != nil {
		return FileInfo{}, err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return FileInfo{}, err
	}
	if fi.IsDir() {
		return FileInfo{}, fmt.Errorf("%s is a directory, not a database file", path)
	}
	if fi.Size() == 0 {
		return FileInfo{}, fmt.Errorf("%s is empty: %w", path, ErrNotLos)
	}
	// immutable: no locks, no -wal or -shm beside a file nobody writes.
	db, err := sql.Open("sqlite", fileURI(path, "mode=ro&immutable=1"))
	if err != nil {
		return FileInfo{}, err
	}
	defer db.Close()
	info := FileInfo{Path: path, Size: fi.Size()}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&info.Version); err != nil {
		return FileInfo{}, readError(path, err)
	}
	if err := integrityCheck(ctx, db, path); err != nil {
		return FileInfo{}, err
	}
	var tables int
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table'
		AND name IN ('meta', 'articles', 'conversations', 'messages', 'handoffs')`).Scan(&tables)
	if err != nil {
		return FileInfo{}, readError(path, err)
	}
	if tables != 5 || info.Version < 1 {
		return FileInfo{}, fmt.Errorf("%s is an SQLite database without Los's tables: %w", path, ErrNotLos)
	}
	err = db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM conversations),
		(SELECT count(*) FROM messages)`).Scan(&info.Articles, &info.Conversations, &info.Messages)
	if err != nil {
		return FileInfo{}, readError(path, err)
	}
	return info, nil
}

func integrityCheck(ctx context.Context, db *sql.DB, path string) error {
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check(5)")
	if err != nil {
		return readError(path, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return readError(path, err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return readError(path, err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s is damaged (integrity_check: %s)", path, strings.Join(problems, "; "))
	}
	return nil
}

// readError says what a failed read of the database file at path means.
func readError(path string, err error) error {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_NOTADB:
		return fmt.Errorf("%s is not an SQLite database: %w", path, ErrNotLos)
	case sqlite3.SQLITE_CORRUPT:
		return fmt.Errorf("%s is damaged: %w", path, err)
	}
	return fmt.Errorf("read %s: %w", path, err)
}

// fileURI is an SQLite URI for path: characters that mean something in a
// URI ('?', '#', '%') are escaped, so any file name works.
func fileURI(path, query string) string {
	return "file:" + (&url.URL{Path: filepath.ToSlash(path)}).EscapedPath() + "?" + query
}

// sqliteCode is the primary SQLite result code of err, or 0.
func sqliteCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code() & 0xff
	}
	return 0
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// syncDir makes a rename in dir durable. Not every system can sync a
// directory; the rename has happened either way.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
