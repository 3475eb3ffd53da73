package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	sqlite3 "modernc.org/sqlite/lib"
)

// inUseWait is how long RestoreBackup waits for the database to be free.
const inUseWait = 2 * time.Second

// Restored says what RestoreBackup did.
type Restored struct {
	FileInfo        // the backup that was put in place
	Previous string // where the replaced database now is; "" when there was none
}

// RestoreBackup replaces the database at dbPath with the backup file src,
// for a stopped Los. It verifies src first (intact, a Los database, a
// schema version no newer than this build's) and refuses with ErrInUse
// while any connection has dbPath open. The current database is never
// deleted: its write-ahead log is folded into it, it is moved to
// dbPath.before-restore-<time>, and stale -wal and -shm files go. src is
// copied in place through a temporary file and a rename. An older schema
// is brought up to date by the next Open.
func RestoreBackup(ctx context.Context, src, dbPath string, now time.Time) (Restored, error) {
	src, err := filepath.Abs(src)
	if err != nil {
		return Restored{}, err
	}
	if dbPath, err = filepath.Abs(dbPath); err != nil {
		return Restored{}, err
	}
	if sfi, err := os.Stat(src); err == nil {
		if dfi, err := os.Stat(dbPath); err == nil && os.SameFile(sfi, dfi) {
			return Restored{}, fmt.Errorf("%s is the current database itself; nothing to restore", src)
		}
	}
	if fi, err := os.Stat(src + "-wal"); err == nil && fi.Size() > 0 {
		return Restored{}, fmt.Errorf("%s has a write-ahead log beside it (%s-wal) whose changes are not in the file; restore a file written by los backup", src, src)
	}
	info, err := Verify(ctx, src)
	if err != nil {
		return Restored{}, err
	}
	if info.Version > SchemaVersion() {
		return Restored{}, fmt.Errorf("%s has schema version %d, this build knows up to %d: %w", src, info.Version, SchemaVersion(), ErrTooNew)
	}

	// Copy first, so that the current database is touched only once the
	// new one is complete beside it.
	tmp, err := copyTemp(src, dbPath)
	if err != nil {
		return Restored{}, err
	}
	defer os.Remove(tmp) // a no-op after the rename below

	res := Restored{FileInfo: info}
	if _, err := os.Stat(dbPath); err == nil {
		var swapped bool
		if res.Previous, swapped, err = moveAside(ctx, dbPath, tmp, now); err != nil {
			return Restored{}, err
		}
		if swapped {
			syncDir(filepath.Dir(dbPath))
			return res, nil
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return Restored{}, err
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return Restored{}, fmt.Errorf("put %s in place (the previous database is at %s): %w", src, res.Previous, err)
	}
	syncDir(filepath.Dir(dbPath))
	return res, nil
}

// moveAside takes the current database for itself, so that no server can
// be using it, folds its write-ahead log into it, and moves it (and
// whatever companion files are left) to a name with the time. The new
// file gets the mode the old one had.
//
// Where it can, it also puts tmp in place (swapped): the old database gets
// a second name (a hard link) and tmp is renamed over dbPath, so there is
// no moment without a database at dbPath in which a starting server would
// create an empty one. Otherwise (no hard links, a damaged database) the
// old file is renamed and the caller renames tmp.
func moveAside(ctx context.Context, dbPath, tmp string, now time.Time) (aside string, swapped bool, err error) {
	aside = dbPath + ".before-restore-" + now.UTC().Format("20060102T150405Z")
	if _, err := os.Lstat(aside); err == nil {
		return "", false, fmt.Errorf("%s exists already; wait a second and try again", aside)
	}
	if fi, err := os.Stat(dbPath); err == nil {
		os.Chmod(tmp, fi.Mode().Perm())
	}
	lock, err := lockExclusive(ctx, dbPath)
	if err != nil {
		return "", false, err
	}
	if lock != nil && lock.leaveWAL(ctx) {
		// Out of WAL mode the log is in the file and gone, and closing the
		// lock later touches no -wal (by then perhaps the new database's).
		os.Remove(dbPath + "-shm")
		if err := os.Link(dbPath, aside); err == nil {
			err = os.Rename(tmp, dbPath)
			lock.Close()
			if err != nil {
				os.Remove(aside)
				return "", false, fmt.Errorf("put the backup in place: %w", err)
			}
			return aside, true, nil
		}
	}
	// The lock is held across the rename: no server can open the old
	// database between the check and the move.
	err = os.Rename(dbPath, aside)
	if lock != nil {
		lock.Close()
	}
	if err != nil {
		return "", false, fmt.Errorf("move the current database aside: %w", err)
	}
	// SQLite neither checkpoints nor removes the -wal of a file renamed
	// while open. The -shm never holds data, nor does an empty -wal; a
	// -wal or -journal with content stays with the old database.
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		fi, err := os.Lstat(dbPath + suffix)
		switch {
		case err != nil:
		case suffix == "-shm" || fi.Size() == 0:
			err = os.Remove(dbPath + suffix)
		default:
			err = os.Rename(dbPath+suffix, aside+suffix)
		}
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", false, fmt.Errorf("clear %s%s (the previous database is at %s): %w", dbPath, suffix, aside, err)
		}
	}
	return aside, false, nil
}

// exclusiveDB is a database held with an exclusive lock.
type exclusiveDB struct {
	db   *sql.DB
	conn *sql.Conn
}

// leaveWAL switches the held database to a rollback journal, which folds
// the write-ahead log into the file and removes it. It reports whether the
// database is out of WAL mode.
func (x *exclusiveDB) leaveWAL(ctx context.Context) bool {
	var mode string
	err := x.conn.QueryRowContext(ctx, "PRAGMA journal_mode=DELETE").Scan(&mode)
	return err == nil && strings.EqualFold(mode, "delete")
}

func (x *exclusiveDB) Close() {
	x.conn.Close()
	x.db.Close()
}

// lockExclusive opens the database at path in exclusive locking mode,
// which SQLite grants only when no other connection, in this process or
// another, has the file open: in WAL mode every open connection keeps a
// shared lock on it, idle or not, so an idle server counts as a user. It
// then folds the write-ahead log into the file. A file SQLite cannot read
// as a database (damaged, or not one) is nobody's: it returns nil, nil.
func lockExclusive(ctx context.Context, path string) (*exclusiveDB, error) {
	q := fmt.Sprintf("_pragma=busy_timeout(%d)&_pragma=locking_mode(EXCLUSIVE)", inUseWait.Milliseconds())
	db, err := sql.Open("sqlite", fileURI(path, q))
	if err != nil {
		return nil, err
	}
	conn, err := db.Conn(ctx)
	if err == nil {
		_, err = conn.ExecContext(ctx, "BEGIN EXCLUSIVE; COMMIT")
		if err == nil {
			_, err = conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
		}
		if err == nil {
			return &exclusiveDB{db: db, conn: conn}, nil
		}
		conn.Close()
	}
	db.Close()
	switch sqliteCode(err) {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return nil, fmt.Errorf("%s: %w (another process has it open)", path, ErrInUse)
	case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
		return nil, nil
	}
	return nil, fmt.Errorf("open %s: %w", path, err)
}

// copyTemp copies src to a new temporary file beside dbPath, synced to
// disk, and returns its name.
func copyTemp(src, dbPath string) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := os.CreateTemp(filepath.Dir(dbPath), "."+filepath.Base(dbPath)+".restore-*.tmp")
	if err != nil {
		return "", fmt.Errorf("copy the backup into %s: %w", filepath.Dir(dbPath), err)
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out.Name())
		return "", fmt.Errorf("copy the backup into %s: %w", filepath.Dir(dbPath), err)
	}
	return out.Name(), nil
}
