package pgtest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// errUnavailable marks the errors that mean "no PostgreSQL server on this
// machine", as opposed to a server that is there but fails.
var errUnavailable = errors.New("no PostgreSQL server binaries")

// BinDir returns the directory that holds initdb and postgres: LOS_PG_BINDIR
// if set, else the newest /usr/lib/postgresql/<version>/bin (Debian), else
// `pg_config --bindir`, else the directory of initdb on PATH.
func BinDir() (string, error) {
	if dir := os.Getenv("LOS_PG_BINDIR"); dir != "" {
		if !hasServer(dir) {
			return "", fmt.Errorf("LOS_PG_BINDIR=%s holds no initdb and postgres: %w", dir, errUnavailable)
		}
		return dir, nil
	}
	if dir := newestDebian("/usr/lib/postgresql"); dir != "" {
		return dir, nil
	}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		if dir := strings.TrimSpace(string(out)); hasServer(dir) {
			return dir, nil
		}
	}
	if initdb, err := exec.LookPath("initdb"); err == nil {
		if dir := filepath.Dir(initdb); hasServer(dir) {
			return dir, nil
		}
	}
	return "", fmt.Errorf("%w: none in /usr/lib/postgresql/*/bin, from pg_config --bindir or on PATH", errUnavailable)
}

// newestDebian returns root/<version>/bin for the highest version that has
// the server binaries, comparing versions as numbers (9.6 < 10 < 15).
func newestDebian(root string) string {
	entries, err := os.ReadDir(root)
	if err != nil {
		return ""
	}
	best, bestVer := "", []int(nil)
	for _, e := range entries {
		ver, ok := parseVersion(e.Name())
		dir := filepath.Join(root, e.Name(), "bin")
		if !ok || !hasServer(dir) {
			continue
		}
		if bestVer == nil || versionLess(bestVer, ver) {
			best, bestVer = dir, ver
		}
	}
	return best
}

func parseVersion(s string) ([]int, bool) {
	var out []int
	for part := range strings.SplitSeq(s, ".") {
		n, err := strconv.Atoi(part)
		if err != nil {
			return nil, false
		}
		out = append(out, n)
	}
	return out, len(out) > 0
}

func versionLess(a, b []int) bool {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}

func hasServer(dir string) bool {
	return isExecutable(filepath.Join(dir, "initdb")) && isExecutable(filepath.Join(dir, "postgres"))
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}

// serverUser returns the credential to run the server with. PostgreSQL
// refuses to run as root, so as root the server runs as the postgres user
// (or nobody, where no postgres user exists); otherwise as ourselves (nil).
func serverUser() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
		gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
		if err1 != nil || err2 != nil || uid == 0 {
			continue
		}
		return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), Groups: []uint32{}}, nil
	}
	return nil, errors.New("running as root, and neither a postgres nor a nobody user exists to run the server as")
}
