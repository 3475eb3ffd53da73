package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/store"
)

func TestUsersAddAndList(t *testing.T) {
	env := map[string]string{"LOS_DATA": t.TempDir()}
	const password = "riktig hest batteri stift"
	tests := []struct {
		name       string
		stdin      string
		args       []string
		wantCode   int
		wantOut    string
		wantErr    string
		notInStdio string
	}{
		{name: "add agent", stdin: password + "\n", args: []string{"users", "add", "--role", "agent", "--email", "Kari@Example.no", "--name", " Kari "},
			wantOut: "added agent kari@example.no", notInStdio: password},
		{name: "name too long", stdin: password + "\n", args: []string{"users", "add", "--email", "x@example.no", "--name", strings.Repeat("x", 41)},
			wantCode: 1, wantErr: "the name is too long (41 characters)"},
		{name: "add admin, password without newline", stdin: "et annet langt passord", args: []string{"users", "add", "--role", "admin", "--email", "ada@example.no"},
			wantOut: "added admin ada@example.no"},
		{name: "short password", stdin: "kort\n", args: []string{"users", "add", "--email", "ola@example.no"},
			wantCode: 1, wantErr: "too short (4 characters); use at least 12", notInStdio: "kort\n"},
		{name: "no password", stdin: "", args: []string{"users", "add", "--email", "ola@example.no"},
			wantCode: 1, wantErr: "first line of standard input"},
		{name: "duplicate", stdin: password + "\n", args: []string{"users", "add", "--email", "kari@example.no"},
			wantCode: 1, wantErr: "exists already"},
		{name: "bad role", stdin: password + "\n", args: []string{"users", "add", "--role", "root", "--email", "x@example.no"},
			wantCode: 1, wantErr: "use agent, editor or admin"},
		{name: "bad email", stdin: password + "\n", args: []string{"users", "add", "--email", "kari"},
			wantCode: 1, wantErr: "not an e-mail address"},
		{name: "unknown subcommand", args: []string{"users", "remove"}, wantCode: 2, wantErr: "unknown subcommand"},
		{name: "list", args: []string{"users", "list"}, wantOut: "kari@example.no  agent  Kari"},
		{name: "rename", args: []string{"users", "rename", "--email", "ada@example.no", "--name", "Ada Lovelace"},
			wantOut: `customers now see ada@example.no as "Ada Lovelace fra kundeservice"`},
		{name: "rename an unknown user", args: []string{"users", "rename", "--email", "nobody@example.no", "--name", "X"},
			wantCode: 1, wantErr: "not found"},
		{name: "list after renaming", args: []string{"users", "list"}, wantOut: "Ada Lovelace"},
		{name: "passwd", stdin: "et helt nytt passord\n", args: []string{"users", "passwd", "--email", "kari@example.no"},
			wantOut: "changed the password of kari@example.no"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runLos(t, env, tt.stdin, tt.args...)
			if r.code != tt.wantCode || !strings.Contains(r.stdout, tt.wantOut) || !strings.Contains(r.stderr, tt.wantErr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, %q, %q", r.code, r.stdout, r.stderr, tt.wantCode, tt.wantOut, tt.wantErr)
			}
			if tt.notInStdio != "" && (strings.Contains(r.stdout, tt.notInStdio) || strings.Contains(r.stderr, tt.notInStdio)) {
				t.Errorf("the password was echoed: %q %q", r.stdout, r.stderr)
			}
		})
	}

	db, err := store.Open(context.Background(), filepath.Join(env["LOS_DATA"], "los.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u, err := db.UserByEmail(context.Background(), "kari@example.no")
	if err != nil || u.Role != auth.RoleAgent || u.Name != "Kari" {
		t.Fatalf("kari = %+v, %v", u, err)
	}
	if ok, _ := auth.VerifyPassword(u.PasswordHash, "et helt nytt passord"); !ok {
		t.Error("the new password does not verify")
	}
	if ok, _ := auth.VerifyPassword(u.PasswordHash, password); ok {
		t.Error("the old password still verifies")
	}
}
