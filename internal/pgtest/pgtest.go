// Package pgtest runs a throw-away PostgreSQL cluster for tests, from the
// server binaries installed on the machine (Debian's postgresql package;
// scripts/test-deps.sh installs it). One cluster serves a whole test binary;
// each test gets a fresh empty database of its own, so tests may run in
// parallel:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
//	func TestSomething(t *testing.T) {
//		t.Parallel()
//		pool, err := pgxpool.New(ctx, pgtest.NewDatabase(t))
//		...
//	}
//
// Without PostgreSQL the tests are skipped, or fail when CI=true.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"
)

// shared is the test binary's cluster, started by the first Start.
var shared struct {
	sync.Mutex
	done bool
	c    *Cluster
	err  error
}

// Start returns the test binary's cluster, starting it on first use. Main
// stops it after the last test; without Main the guard stops it and removes
// its files once the test binary has exited. Without PostgreSQL server
// binaries the test is skipped, or fails when CI=true.
func Start(t testing.TB) *Cluster {
	t.Helper()
	shared.Lock()
	defer shared.Unlock()
	if !shared.done {
		shared.c, shared.err = New(context.Background())
		shared.done = true
		if shared.err == nil {
			t.Logf("pgtest: PostgreSQL %s on port %d", shared.c.Version, shared.c.Port())
		}
	}
	if errors.Is(shared.err, errUnavailable) {
		unavailable(t, shared.err)
	}
	if shared.err != nil {
		t.Fatalf("pgtest: %v", shared.err)
	}
	return shared.c
}

// NewDatabase creates an empty database for t on the test binary's cluster
// and returns its URL (see Cluster.NewDatabase).
func NewDatabase(t testing.TB) string {
	t.Helper()
	return Start(t).NewDatabase(t)
}

// Main runs the tests, stops the cluster if one was started and exits with
// the tests' status. Call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	shared.Lock()
	if shared.c != nil {
		if err := shared.c.Stop(); err != nil {
			fmt.Fprintf(os.Stderr, "pgtest: stopping the cluster: %v\n", err)
			if code == 0 {
				code = 1
			}
		}
	}
	shared.Unlock()
	os.Exit(code)
}

func unavailable(t testing.TB, err error) {
	t.Helper()
	msg := fmt.Sprintf("pgtest: no PostgreSQL for this test: %v\n"+
		"Install Debian's postgresql package (scripts/test-deps.sh does) or set LOS_PG_BINDIR to the directory of initdb and postgres.", err)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}
