package pgtest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// newPrivate starts a cluster of the test's own, not the shared one.
func newPrivate(t *testing.T) *Cluster {
	t.Helper()
	Start(t) // skips or fails as the shared cluster does without PostgreSQL
	start := time.Now()
	c, err := New(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("initdb and start: %v", time.Since(start).Round(time.Millisecond))
	t.Cleanup(func() { c.Stop() })
	return c
}

// children lists the live processes whose parent is pid.
func children(t *testing.T, pid int) []int {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Skip("no /proc")
	}
	var out []int
	for _, e := range entries {
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		i := bytes.LastIndexByte(stat, ')')
		f := bytes.Fields(stat[i+1:])
		if len(f) > 1 && string(f[0]) != "Z" && string(f[1]) == strconv.Itoa(pid) {
			n, _ := strconv.Atoi(e.Name())
			out = append(out, n)
		}
	}
	return out
}

func alive(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	i := bytes.LastIndexByte(stat, ')')
	f := bytes.Fields(stat[i+1:])
	return len(f) > 0 && string(f[0]) != "Z"
}

func TestStopRemovesDirAndProcesses(t *testing.T) {
	c := newPrivate(t)
	url := c.URL("postgres")
	pids := append([]int{c.proc.pid}, children(t, c.proc.pid)...)
	if len(pids) < 3 {
		t.Fatalf("postmaster %d has children %v: want its background workers", c.proc.pid, pids[1:])
	}
	if err := c.Stop(); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	for _, pid := range pids {
		if alive(pid) {
			t.Errorf("process %d still runs after Stop", pid)
		}
	}
	if _, err := os.Stat(c.dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s after Stop: %v, want it gone", c.dir, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if conn, err := pgx.Connect(ctx, url); err == nil {
		conn.Close(ctx)
		t.Error("the server still accepts connections after Stop")
	}
	if err := c.Stop(); err != nil {
		t.Errorf("second Stop: %v", err)
	}
}

func TestGuardCleansUpWhenTestBinaryGoes(t *testing.T) {
	c := newPrivate(t)
	p := c.proc
	if p.guard == nil {
		t.Fatal("no guard process")
	}
	pids := append([]int{p.pid}, children(t, p.pid)...)
	p.guard.trigger() // what the kernel does when the test binary dies
	select {
	case <-p.exited:
	case <-time.After(stopTimeout):
		t.Fatalf("postgres still runs %v after the guard's pipe closed", stopTimeout)
	}
	for _, pid := range pids {
		if alive(pid) {
			t.Errorf("process %d still runs after the postmaster exited", pid)
		}
	}
	// The guard removes the directory after the postmaster has gone.
	deadline := time.Now().Add(stopTimeout)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		if _, err := os.Stat(c.dir); errors.Is(err, os.ErrNotExist) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s still exists %v after the postmaster exited", c.dir, stopTimeout)
		}
		<-tick.C
	}
}

func BenchmarkNewAndStop(b *testing.B) {
	if _, err := BinDir(); err != nil {
		b.Skip(err)
	}
	for b.Loop() {
		c, err := New(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if err := c.Stop(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNewDatabase(b *testing.B) {
	c := Start(b)
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		name := "bench_" + strconv.Itoa(i)
		if _, err := c.CreateDatabase(ctx, name); err != nil {
			b.Fatal(err)
		}
		if err := c.DropDatabase(ctx, name); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFailedStartLeavesNothing starts fake server binaries whose postgres
// exits at once: New must say so, with the server's log, and leave no files.
func TestFailedStartLeavesNothing(t *testing.T) {
	bin, err := os.MkdirTemp("", "pgtest-fake-") // reachable by the server's user when root
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(bin) })
	scripts := map[string]string{
		"initdb":   "#!/bin/sh\nmkdir -p \"$2\"\n",
		"postgres": "#!/bin/sh\necho 'FATAL:  fake server refuses' >&2\nexit 1\n",
	}
	for name, body := range scripts {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp, err := os.MkdirTemp("", "pgtest-tmp-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	if err := os.Chmod(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("LOS_PG_BINDIR", bin)
	t.Setenv("TMPDIR", tmp)
	c, err := New(context.Background())
	if err == nil {
		c.Stop()
		t.Fatal("New succeeded with a server that exits at once")
	}
	if !strings.Contains(err.Error(), "exited before it accepted connections") || !strings.Contains(err.Error(), "fake server refuses") {
		t.Errorf("error %q: want the exit and the server's log", err)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("%d files left in TMPDIR after a failed start: %v", len(left), left)
	}
}
