package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runWithin runs los like runLos, failing the test when the command has
// not finished within bound: a hang detector, not a speed target.
func runWithin(t *testing.T, bound time.Duration, env map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errb)
	}()
	select {
	case code := <-done:
		return result{code, out.String(), errb.String()}
	case <-time.After(bound):
		// Not waiting for it: a hung command may never return.
		t.Fatalf("los %s did not finish within %v", strings.Join(args, " "), bound)
	}
	return result{}
}

// TestCLIWhileServing: while los serve runs on a data directory (and holds
// its search index), the commands that read answer from a copy of the
// index built from the store, those that write refuse with a message
// saying what to do and write nothing, a second server refuses to start,
// and the server's index stays whole: it answers during and is current
// and intact after.
func TestCLIWhileServing(t *testing.T) {
	env := baseEnv(t)
	env["LOS_ADDR"] = "127.0.0.1:0"
	addr, logs, stop := launchServe(t, env)
	const bound = time.Minute

	r := runWithin(t, bound, env, "ask", "--json", "Hvordan endrer jeg fakturaadressen min?")
	var ask askJSON
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &ask) != nil || len(ask.Citations) == 0 || ask.Citations[0] != "endre-fakturaadresse" {
		t.Errorf("ask during serve: exit %d, out %q, err %q; want endre-fakturaadresse cited", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "searching a copy built in memory") {
		t.Errorf("ask does not say it searched a copy:\n%s", r.stderr)
	}
	r = runWithin(t, bound, env, "kb", "search", "fakturaadresse")
	if r.code != 0 || !strings.Contains(r.stdout, "endre-fakturaadresse") {
		t.Errorf("kb search during serve: exit %d, out %q, err %q", r.code, r.stdout, r.stderr)
	}

	dir := t.TempDir()
	article := "---\ntitle: Varmepumper\n---\nVi selger varmepumper fra Nordlys.\n"
	if err := os.WriteFile(filepath.Join(dir, "varmepumper.md"), []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	const refusal = "los serve is running on this data directory (pid "
	for _, args := range [][]string{{"kb", "import", dir}, {"kb", "reindex"}} {
		r = runWithin(t, bound, env, args...)
		if r.code != 1 || !strings.Contains(r.stderr, refusal) || !strings.Contains(r.stderr, "use the API or stop it") {
			t.Errorf("%v during serve: exit %d, err %q; want a refusal", args, r.code, r.stderr)
		}
	}
	if r = runWithin(t, bound, env, "kb", "search", "varmepumper"); strings.Contains(r.stdout, "varmepumper") {
		t.Errorf("the refused import stored its article:\n%s", r.stdout)
	}
	if r = runWithin(t, bound, env, "serve"); r.code != 1 || !strings.Contains(r.stderr, refusal) {
		t.Errorf("a second serve: exit %d, err %q; want a refusal", r.code, r.stderr)
	}

	_, body := converse(t, addr, "Hvordan endrer jeg fakturaadressen min?")
	var turn struct{ Citations []string }
	if json.Unmarshal(body, &turn) != nil || len(turn.Citations) == 0 || turn.Citations[0] != "endre-fakturaadresse" {
		t.Errorf("the server's answer after the other commands: %s; want endre-fakturaadresse cited", body)
	}
	stop()
	if l := logs.String(); strings.Contains(l, "unusable") || strings.Contains(l, "rebuilding") {
		t.Errorf("the server rebuilt its index:\n%s", l)
	}
	r = runWithin(t, bound, env, "kb", "search", "fakturaadresse")
	if r.code != 0 || !strings.Contains(r.stdout, "endre-fakturaadresse") {
		t.Errorf("kb search after serve: exit %d, out %q, err %q", r.code, r.stdout, r.stderr)
	}
	for _, s := range []string{"rebuild", "building", "copy"} {
		if strings.Contains(r.stderr, s) {
			t.Errorf("after serve stopped the index on disk was not used as it is (log mentions %q):\n%s", s, r.stderr)
		}
	}
}
