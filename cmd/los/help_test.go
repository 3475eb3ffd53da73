package main

import (
	"os"
	"strings"
	"testing"
)

// TestHelpEveryCommand runs --help (and -h) for every command and every
// subcommand: each prints its usage on standard output and exits 0,
// without touching the data directory.
func TestHelpEveryCommand(t *testing.T) {
	env := baseEnv(t)
	check := func(args []string, want string) {
		t.Helper()
		for _, flag := range []string{"--help", "-h"} {
			r := runLos(t, env, "", append(args, flag)...)
			if r.code != 0 || !strings.Contains(r.stdout, want) || r.stderr != "" {
				t.Errorf("los %s %s: exit %d, stdout %q, stderr %q; want exit 0 and %q on stdout",
					strings.Join(args, " "), flag, r.code, r.stdout, r.stderr, want)
			}
		}
	}
	n := 0
	for _, c := range commands() {
		check([]string{c.name}, "los "+c.name)
		n++
		for _, sub := range c.subs {
			check([]string{c.name, sub}, "Usage: los "+c.name+" "+sub)
			n++
		}
	}
	if n < 25 {
		t.Errorf("only %d commands and subcommands checked", n)
	}
	if entries, _ := os.ReadDir(env["LOS_DATA"]); len(entries) != 0 {
		t.Errorf("--help wrote to the data directory: %v", entries)
	}
	if r := runLos(t, env, "", "--help"); r.code != 0 || !strings.Contains(r.stdout, "Commands:") {
		t.Errorf("los --help: exit %d, %q", r.code, r.stdout)
	}
}

// TestREADMEListsEveryCommand keeps the README's command table complete.
func TestREADMEListsEveryCommand(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, c := range commands() {
		if !strings.Contains(readme, "`los "+c.name) {
			t.Errorf("README lacks los %s", c.name)
		}
		for _, sub := range c.subs {
			if !strings.Contains(readme, "los "+c.name+" "+sub) && !strings.Contains(readme, "`los "+c.name+" "+sub) {
				t.Errorf("README lacks los %s %s", c.name, sub)
			}
		}
	}
}
