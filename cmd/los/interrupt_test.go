package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/los-bot/los/internal/pgtest"
)

// TestMain lets a test run this binary as los: with LOS_TEST_MAIN=1 it is
// main, signals and all. Tests of replicas get a throw-away PostgreSQL
// cluster, stopped after the last test.
func TestMain(m *testing.M) {
	if os.Getenv("LOS_TEST_MAIN") == "1" {
		main()
	}
	pgtest.Main(m)
}

// startLos starts los (this test binary as main) with args and the
// variables of env, its standard input a pipe the test holds open.
func startLos(t testing.TB, env map[string]string, args ...string) (cmd *exec.Cmd, stdin io.WriteCloser, stdout, stderr *bufio.Reader) {
	t.Helper()
	cmd = exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "LOS_TEST_MAIN=1")
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var err error
	if stdin, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	errp, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	return cmd, stdin, bufio.NewReader(out), bufio.NewReader(errp)
}

// waitExit reads the rest of stderr and waits for cmd to end, failing the
// test after bound (a hang detector); it returns the exit status and what
// cmd wrote to stderr meanwhile.
func waitExit(t *testing.T, cmd *exec.Cmd, stderr io.Reader, bound time.Duration) (int, string) {
	t.Helper()
	type exit struct {
		err  error
		tail []byte
	}
	done := make(chan exit, 1)
	go func() {
		tail, _ := io.ReadAll(stderr) // until the process ends; Wait closes the pipe
		done <- exit{cmd.Wait(), tail}
	}()
	select {
	case e := <-done:
		var ee *exec.ExitError
		if errors.As(e.err, &ee) {
			return ee.ExitCode(), string(e.tail)
		}
		if e.err != nil {
			t.Fatal(e.err)
		}
		return 0, string(e.tail)
	case <-time.After(bound):
		t.Fatalf("los did not stop within %v of the signal", bound)
		return -1, ""
	}
}

// readUntil reads lines from r until one contains want.
func readUntil(t *testing.T, r *bufio.Reader, want string) {
	t.Helper()
	var seen strings.Builder
	for {
		line, err := r.ReadString('\n')
		seen.WriteString(line)
		if strings.Contains(line, want) {
			return
		}
		if err != nil {
			t.Fatalf("no line with %q: %v\n%s", want, err, seen.String())
		}
	}
}

// TestInterruptStopsCommands: Ctrl-C (SIGINT) stops a command blocked
// reading standard input, with status 130; SIGTERM stops the server
// gracefully, with status 0.
func TestInterruptStopsCommands(t *testing.T) {
	t.Run("triage on SIGINT", func(t *testing.T) {
		cmd, stdin, stdout, stderr := startLos(t, baseEnv(t), "triage")
		defer stdin.Close()
		if _, err := io.WriteString(stdin, "Hvordan endrer jeg fakturaadressen?\n"); err != nil {
			t.Fatal(err)
		}
		readUntil(t, stdout, `"category":"none"`) // triage is reading the open pipe now
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}
		if code, tail := waitExit(t, cmd, stderr, 30*time.Second); code != 130 || !strings.Contains(tail, "los triage: interrupted") {
			t.Errorf("exit status %d, stderr %q; want 130, interrupted", code, tail)
		}
	})
	t.Run("serve on SIGTERM", func(t *testing.T) {
		env := baseEnv(t)
		env["LOS_ADDR"] = "127.0.0.1:0"
		cmd, stdin, _, stderr := startLos(t, env, "serve")
		defer stdin.Close()
		readUntil(t, stderr, "Los is serving")
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		if code, tail := waitExit(t, cmd, stderr, 30*time.Second); code != 0 || !strings.Contains(tail, "msg=stopped") {
			t.Errorf("exit status %d, stderr %q; want 0 after a graceful stop", code, tail)
		}
	})
}

// TestCancelStopsReadingStdin: in-process, a cancelled context ends a
// command waiting for a line of standard input.
func TestCancelStopsReadingStdin(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	defer pw.Close()
	var out, errb strings.Builder
	done := make(chan int, 1)
	env := baseEnv(t)
	go func() {
		done <- run(ctx, []string{"users", "add", "--email", "a@example.no"}, func(k string) string { return env[k] }, pr, &out, &errb)
	}()
	// The write returns once the command reads standard input; the line
	// it waits for never ends.
	if _, err := io.WriteString(pw, "half a pass"); err != nil {
		t.Fatal(err)
	}
	cancel()
	select {
	case code := <-done:
		if code != 130 || !strings.Contains(errb.String(), "interrupted") {
			t.Errorf("exit %d, stderr %q; want 130 interrupted", code, errb.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("los users add did not stop when its context ended")
	}
}
