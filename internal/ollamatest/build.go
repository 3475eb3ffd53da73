package ollamatest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Version is the Ollama server version the harness builds: the newest one
// whose module zip still builds with cgo and gcc alone.
const Version = "0.6.5"

const (
	serverPkg    = "github.com/ollama/ollama@v" + Version
	buildTimeout = 30 * time.Minute
)

// built remembers the outcome of Binary for the life of the test binary, so a
// failed build is not retried by every test.
var built struct {
	sync.Mutex
	done bool
	path string
	err  error
}

// Binary returns the path of an Ollama server binary. LOS_OLLAMA_BIN names a
// prebuilt one; otherwise the binary is built once per machine with
// `go install` into LOS_OLLAMA_CACHE (default: the user cache directory,
// los/ollama-0.6.5). A file lock keeps parallel test binaries from building
// it twice. logf reports slow steps.
func Binary(ctx context.Context, logf func(format string, args ...any)) (string, error) {
	built.Lock()
	defer built.Unlock()
	if !built.done {
		built.path, built.err = findOrBuild(ctx, logf)
		built.done = true
	}
	return built.path, built.err
}

func findOrBuild(ctx context.Context, logf func(string, ...any)) (string, error) {
	if bin := os.Getenv("LOS_OLLAMA_BIN"); bin != "" {
		if _, err := exec.LookPath(bin); err != nil {
			return "", fmt.Errorf("LOS_OLLAMA_BIN: %w", err)
		}
		return bin, nil
	}
	dir, err := cacheDir()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "ollama")
	if isExecutable(bin) {
		return bin, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	unlock, err := lockFile(filepath.Join(dir, ".lock"))
	if err != nil {
		return "", err
	}
	defer unlock()
	if isExecutable(bin) { // another test binary built it while we waited
		return bin, nil
	}
	return bin, build(ctx, dir, bin, logf)
}

func cacheDir() (string, error) {
	if dir := os.Getenv("LOS_OLLAMA_CACHE"); dir != "" {
		return dir, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory for the Ollama build (set LOS_OLLAMA_CACHE): %w", err)
	}
	return filepath.Join(base, "los", "ollama-"+Version), nil
}

func build(ctx context.Context, dir, bin string, logf func(string, ...any)) error {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return errors.New("the go command is not on PATH")
	}
	if _, err := exec.LookPath(cCompiler()); err != nil {
		return fmt.Errorf("no C compiler %q: the Ollama server needs cgo", cCompiler())
	}
	// Build outside our module so that the server's own go.mod applies.
	tmp, err := os.MkdirTemp(dir, "build-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	logf("ollamatest: building Ollama %s into %s (about 5 minutes on 2 cores the first time)", Version, dir)
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, buildTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, goCmd, "install",
		"-ldflags=-X=github.com/ollama/ollama/version.Version="+Version, serverPkg)
	cmd.Dir = tmp
	cmd.Env = append(withoutGoSettings(os.Environ()),
		"GOFLAGS=", "GOWORK=off", "CGO_ENABLED=1", "GOBIN="+filepath.Join(tmp, "bin"))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go install %s: %w\n%s", serverPkg, err, tail(out.String(), 20))
	}
	if err := os.Rename(filepath.Join(tmp, "bin", "ollama"), bin); err != nil {
		return err
	}
	logf("ollamatest: built Ollama %s in %s", Version, time.Since(start).Round(time.Second))
	return nil
}

// withoutGoSettings drops the variables that would make `go install` build
// for another target or inside our module.
func withoutGoSettings(env []string) []string {
	var out []string
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "GOFLAGS", "GOWORK", "GOBIN", "CGO_ENABLED", "GOOS", "GOARCH":
			continue
		}
		out = append(out, kv)
	}
	return out
}

func cCompiler() string {
	if cc := os.Getenv("CC"); cc != "" {
		return strings.Fields(cc)[0]
	}
	return "gcc"
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}

// lockFile takes an exclusive lock held until unlock is called or the
// process ends.
func lockFile(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	return func() { f.Close() }, nil
}

func tail(s string, lines int) string {
	all := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(all) > lines {
		all = all[len(all)-lines:]
	}
	return strings.Join(all, "\n")
}
