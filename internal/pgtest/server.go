package pgtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

const (
	readyTimeout = 30 * time.Second
	stopTimeout  = 10 * time.Second
	portAttempts = 3
)

// errPortTaken: another process bound the free port before the server did.
var errPortTaken = errors.New("the port was taken")

// process is one run of the postmaster and of its guard.
type process struct {
	pid    int
	exited chan struct{} // closed once the postmaster has exited and been reaped
	guard  *guard

	once    sync.Once
	stopErr error
}

// start runs the server on a free port, trying another port when some other
// process takes the chosen one first.
func (c *Cluster) start(ctx context.Context) error {
	for attempt := 1; ; attempt++ {
		port, err := freePort()
		if err != nil {
			return err
		}
		err = c.run(ctx, port)
		if err == nil || !errors.Is(err, errPortTaken) || attempt == portAttempts {
			return err
		}
	}
}

// run starts the postmaster itself rather than through `pg_ctl start`:
// pg_ctl puts it in a session of its own and leaves it, so that neither
// could this process reap it nor could the kernel signal it when this
// process dies. Here it is our child, gets SIGQUIT (immediate shutdown)
// should we die, and a guard removes the files afterwards.
func (c *Cluster) run(ctx context.Context, port int) error {
	logf, err := os.OpenFile(filepath.Join(c.dir, "server.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer logf.Close() // the server holds its own descriptor
	logStart, err := logf.Seek(0, io.SeekEnd)
	if err != nil {
		return err
	}
	cmd := c.command(context.Background(), "postgres", "-D", c.dataDir(),
		"-p", strconv.Itoa(port),
		"-c", "listen_addresses=127.0.0.1",
		"-c", "unix_socket_directories="+c.dir,
		"-c", "fsync=off",
		"-c", "synchronous_commit=off",
		"-c", "full_page_writes=off")
	cmd.SysProcAttr = serverAttr(c.cred)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting %s: %w", cmd.Path, err)
	}
	p := &process{pid: cmd.Process.Pid, exited: make(chan struct{})}
	go func() {
		cmd.Wait()
		close(p.exited)
	}()
	p.guard = startGuard(p.pid, c.dir)
	c.mu.Lock()
	c.proc = p
	c.mu.Unlock()

	c.port = port // URL reads it
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	if err := c.waitReady(ctx, p); err != nil {
		p.stop()
		if strings.Contains(c.logSince(logStart), "Address already in use") {
			return fmt.Errorf("port %d: %w", port, errPortTaken)
		}
		return err
	}
	return nil
}

// waitReady polls until the server accepts our password and says that its
// data directory is ours: a server of someone else's that took the port
// meanwhile would fail one or the other.
func (c *Cluster) waitReady(ctx context.Context, p *process) error {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		err := c.probe(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-p.exited:
			return fmt.Errorf("postgres exited before it accepted connections: %w", err)
		case <-ctx.Done():
			return fmt.Errorf("postgres not ready on port %d within %v: %w", c.port, readyTimeout, err)
		case <-tick.C:
		}
	}
}

func (c *Cluster) probe(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	var dataDir, version string
	err = conn.QueryRow(ctx, "SELECT current_setting('data_directory'), current_setting('server_version')").Scan(&dataDir, &version)
	if err != nil {
		return err
	}
	if dataDir != c.dataDir() {
		return fmt.Errorf("the server on port %d serves %s, not %s", c.port, dataDir, c.dataDir())
	}
	c.Version = version
	return nil
}

// stop sends SIGQUIT, SIGKILL if the postmaster has not exited within
// stopTimeout, then ends the guard. Only the first call signals: the pid may
// belong to another process once the postmaster has been reaped.
func (p *process) stop() error {
	p.once.Do(func() { p.stopErr = p.signalStop() })
	return p.stopErr
}

func (p *process) signalStop() error {
	defer p.guard.stop()
	syscall.Kill(p.pid, syscall.SIGQUIT)
	select {
	case <-p.exited:
		return nil
	case <-time.After(stopTimeout):
	}
	syscall.Kill(p.pid, syscall.SIGKILL)
	select {
	case <-p.exited:
		return fmt.Errorf("postgres (pid %d) ignored SIGQUIT for %v and was killed", p.pid, stopTimeout)
	case <-time.After(stopTimeout):
		return fmt.Errorf("postgres (pid %d) still runs after SIGKILL", p.pid)
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("no free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func (c *Cluster) logSince(offset int64) string {
	b, err := os.ReadFile(filepath.Join(c.dir, "server.log"))
	if err != nil || int64(len(b)) < offset {
		return ""
	}
	return string(b[offset:])
}
