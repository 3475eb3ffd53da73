// Package ollamatest runs a real Ollama server for tests: built from its Go
// module, started on a free loopback port with a private models directory, and
// loaded with a tiny llama model generated in Go. No network and no model
// download are needed once the server binary is built.
package ollamatest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ollama/ollama/api"
)

const (
	readyTimeout = 30 * time.Second
	stopTimeout  = 10 * time.Second
)

// Server is a running Ollama server. Model names the tiny model, which serves
// both chat and embeddings.
type Server struct {
	URL    *url.URL
	Client *api.Client
	Model  string

	dir       string
	bin       string
	transport *http.Transport

	mu   sync.Mutex
	proc *process // nil while stopped
}

// process is one run of `ollama serve` and of the guard that kills its
// process group when the test binary dies.
type process struct {
	pgid     int
	exited   chan struct{}
	guard    *os.File // write end of the guard's stdin
	guardPID int
	paused   bool
}

// Start builds (or reuses) the Ollama server, starts it, creates the tiny
// model under the name "tiny" and stops everything when the test ends. When
// no server can be built the test is skipped, or fails when CI=true.
func Start(t testing.TB) *Server {
	t.Helper()
	bin, err := Binary(context.Background(), t.Logf)
	if err != nil {
		unavailable(t, err)
	}
	port, err := freePort()
	if err != nil {
		t.Fatalf("ollamatest: %v", err)
	}
	dir := t.TempDir()
	for _, sub := range []string{"home", "models", "tmp"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	s := &Server{
		URL:       &url.URL{Scheme: "http", Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(port))},
		Model:     "tiny",
		dir:       dir,
		bin:       bin,
		transport: http.DefaultTransport.(*http.Transport).Clone(),
	}
	s.Client = api.NewClient(s.URL, &http.Client{Transport: s.transport})
	t.Cleanup(func() {
		s.Stop()
		if t.Failed() {
			t.Logf("ollamatest: end of the server log:\n%s", s.logTail(40))
		}
	})
	if err := s.run(); err != nil {
		t.Fatalf("ollamatest: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), readyTimeout)
	defer cancel()
	if err := s.CreateModel(ctx, s.Model, 1); err != nil {
		t.Fatalf("ollamatest: %v", err)
	}
	return s
}

func unavailable(t testing.TB, err error) {
	t.Helper()
	msg := fmt.Sprintf("ollamatest: no Ollama server for this test: %v\n"+
		"Set LOS_OLLAMA_BIN to a prebuilt ollama %s, or install gcc and allow access to the Go module proxy.", err, Version)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// Addr is the server's host:port, the form OLLAMA_HOST takes.
func (s *Server) Addr() string { return s.URL.Host }

// run starts `ollama serve` and waits until it answers.
func (s *Server) run() error {
	log, err := os.OpenFile(filepath.Join(s.dir, "server.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer log.Close() // the child holds its own descriptor
	logStart, err := log.Seek(0, io.SeekEnd)
	if err != nil {
		return err
	}
	cmd := exec.Command(s.bin, "serve")
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + filepath.Join(s.dir, "home"),
		"TMPDIR=" + filepath.Join(s.dir, "tmp"),
		"OLLAMA_HOST=" + s.Addr(),
		"OLLAMA_MODELS=" + filepath.Join(s.dir, "models"),
		"OLLAMA_NOPRUNE=1",
		"GIN_MODE=release",
	}
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = serverAttr()
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting %s: %w", s.bin, err)
	}
	p := &process{pgid: cmd.Process.Pid, exited: make(chan struct{})}
	go func() {
		cmd.Wait()
		close(p.exited)
	}()
	p.guard, p.guardPID = startGuard(p.pgid)
	s.mu.Lock()
	s.proc = p
	s.mu.Unlock()

	ctx, cancel := context.WithTimeout(context.Background(), readyTimeout)
	defer cancel()
	if err := s.waitReady(ctx, p, logStart); err != nil {
		s.Stop()
		return err
	}
	return nil
}

// waitReady polls until the server answers and its log says that it, not
// some other process that took the port meanwhile, listens on the address.
func (s *Server) waitReady(ctx context.Context, p *process, logStart int64) error {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	listening := "Listening on " + s.Addr() + " "
	for {
		hctx, cancel := context.WithTimeout(ctx, time.Second)
		err := s.Client.Heartbeat(hctx)
		cancel()
		if err == nil && strings.Contains(s.logSince(logStart), listening) {
			return nil
		}
		select {
		case <-p.exited:
			return fmt.Errorf("ollama serve exited before it was ready:\n%s", s.logTail(20))
		case <-ctx.Done():
			if err == nil {
				err = errors.New("another process answers on this port")
			}
			return fmt.Errorf("ollama serve not ready at %s: %w", s.URL, err)
		case <-tick.C:
		}
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

func (s *Server) logSince(offset int64) string {
	b, err := os.ReadFile(filepath.Join(s.dir, "server.log"))
	if err != nil || int64(len(b)) < offset {
		return ""
	}
	return string(b[offset:])
}

func (s *Server) logTail(lines int) string {
	b, err := os.ReadFile(filepath.Join(s.dir, "server.log"))
	if err != nil {
		return err.Error()
	}
	return tail(string(b), lines)
}
