package pgtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Superuser is the name of the cluster's superuser.
const Superuser = "postgres"

// Cluster is a running throw-away PostgreSQL server: a fresh data directory
// in a temporary directory, listening on a free loopback port, tuned for
// speed over durability. Stop ends it and removes its files.
type Cluster struct {
	// Version is the server's version, such as "15.18".
	Version string

	dir      string // temporary root: data/, server.log, the Unix socket
	bin      string
	cred     *syscall.Credential // nil: run the server as ourselves
	port     int
	password string
	admin    *pgxpool.Pool
	dbSeq    atomic.Int64

	mu      sync.Mutex
	proc    *process // nil before the server starts
	stopped bool
	stopErr error
}

// New creates a cluster and starts it. The caller must Stop it; should the
// process end first, a guard process stops the server and removes its files.
// The error wraps an unavailability error (see Start) when the machine has no
// PostgreSQL server binaries.
func New(ctx context.Context) (_ *Cluster, err error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	cred, err := serverUser()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "pgtest-")
	if err != nil {
		return nil, err
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir, bin: bin, cred: cred, password: randomHex(16)}
	defer func() {
		if err != nil {
			if c.proc != nil {
				err = fmt.Errorf("%w\nend of the server log:\n%s", err, c.logTail(20))
			}
			c.Stop()
		}
	}()
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			return nil, err
		}
	}
	if err := c.initdb(ctx); err != nil {
		return nil, err
	}
	if err := c.start(ctx); err != nil {
		return nil, err
	}
	if c.admin, err = pgxpool.New(ctx, c.URL("postgres")); err != nil {
		return nil, err
	}
	return c, nil
}

// URL returns the address of database db for pgx, lib/pq or psql, with the
// superuser's name and password.
func (c *Cluster) URL(db string) string {
	u := url.URL{
		Scheme:   "postgres",
		User:     url.UserPassword(Superuser, c.password),
		Host:     net.JoinHostPort("127.0.0.1", strconv.Itoa(c.port)),
		Path:     "/" + db,
		RawQuery: "sslmode=disable&connect_timeout=10",
	}
	return u.String()
}

// Port is the TCP port the server listens on at 127.0.0.1.
func (c *Cluster) Port() int { return c.port }

// initdb creates the data directory: UTF-8, C.UTF-8 locale (so that upper()
// knows æ, ø and å), UTC, a password for TCP connections, no fsync.
func (c *Cluster) initdb(ctx context.Context) error {
	pwfile := filepath.Join(c.dir, "pwfile")
	if err := os.WriteFile(pwfile, []byte(c.password+"\n"), 0o600); err != nil {
		return err
	}
	defer os.Remove(pwfile)
	if c.cred != nil {
		if err := os.Chown(pwfile, int(c.cred.Uid), int(c.cred.Gid)); err != nil {
			return err
		}
	}
	cmd := c.command(ctx, "initdb", "-D", c.dataDir(), "-U", Superuser, "--pwfile", pwfile,
		"--auth-host=scram-sha-256", "--auth-local=trust",
		"-E", "UTF8", "--locale=C.UTF-8", "--lc-messages=C",
		"--no-sync", "--no-instructions")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		hint := ""
		if c.cred != nil {
			hint = fmt.Sprintf("\n(initdb runs as uid %d, which must be able to reach %s: set TMPDIR to a directory it may traverse)", c.cred.Uid, c.dir)
		}
		return fmt.Errorf("initdb in %s: %w\n%s%s", c.dir, err, tail(out.String(), 20), hint)
	}
	return nil
}

// command runs one of the server binaries as the server's user, in the
// cluster's directory (the user may not be allowed into ours), with a fixed
// environment.
func (c *Cluster) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, filepath.Join(c.bin, name), args...)
	cmd.Dir = c.dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "TZ=UTC", "LC_ALL=C"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
	return cmd
}

func (c *Cluster) dataDir() string { return filepath.Join(c.dir, "data") }

func (c *Cluster) logTail(lines int) string {
	b, err := os.ReadFile(filepath.Join(c.dir, "server.log"))
	if err != nil {
		return err.Error()
	}
	return tail(string(b), lines)
}

// Stop shuts the server down at once (what `pg_ctl stop -m immediate`
// does: SIGQUIT to the postmaster, which ends its children before it exits)
// and removes the cluster's files. Stopping twice is harmless.
func (c *Cluster) Stop() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stopped {
		return c.stopErr
	}
	c.stopped = true
	if c.admin != nil {
		c.admin.Close()
	}
	var errs []error
	if c.proc != nil {
		errs = append(errs, c.proc.stop())
	}
	errs = append(errs, os.RemoveAll(c.dir))
	c.stopErr = errors.Join(errs...)
	return c.stopErr
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func tail(s string, lines int) string {
	all := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(all) > lines {
		all = all[len(all)-lines:]
	}
	return strings.Join(all, "\n")
}
