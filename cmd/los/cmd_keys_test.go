package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/store"
)

// lastLine is the key `los keys create` prints.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func TestKeysCreateListRevoke(t *testing.T) {
	env := map[string]string{"LOS_DATA": t.TempDir()}
	r := runLos(t, env, "", "keys", "create", "--scope", "chat,agent", "--name", "crm")
	if r.code != 0 || !strings.HasPrefix(lastLine(r.stdout), auth.KeyPrefix) {
		t.Fatalf("create: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	key := lastLine(r.stdout)

	db, err := store.Open(context.Background(), filepath.Join(env["LOS_DATA"], "los.db"))
	if err != nil {
		t.Fatal(err)
	}
	k, err := db.APIKeyByHash(context.Background(), auth.HashKey(key))
	db.Close()
	if err != nil || !k.Has(auth.ScopeChat) || !k.Has(auth.ScopeAgent) || k.Has(auth.ScopeAdmin) || k.Name != "crm" {
		t.Fatalf("stored key = %+v, %v", k, err)
	}

	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{"list", []string{"keys", "list"}, 0, "crm", ""},
		{"unknown scope", []string{"keys", "create", "--scope", "root"}, 1, "", "use chat, kb:write, agent or admin"},
		{"no scope", []string{"keys", "create"}, 1, "", "at least one scope"},
		{"revoke", []string{"keys", "revoke", "1"}, 0, "revoked key 1", ""},
		{"revoke unknown", []string{"keys", "revoke", "99"}, 1, "", "not found"},
		{"revoke no id", []string{"keys", "revoke", "x"}, 1, "", "not a key ID"},
		{"unknown subcommand", []string{"keys", "rotate"}, 2, "", "unknown subcommand"},
		{"expiring", []string{"keys", "create", "--scope", "chat", "--name", "kort", "--expires", "30d"}, 0, "expires 20", ""},
		{"expiry listed", []string{"keys", "list"}, 0, "EXPIRES", ""},
		{"bad expiry", []string{"keys", "create", "--scope", "chat", "--expires", "snart"}, 1, "", "write a number of days"},
		{"past expiry", []string{"keys", "create", "--scope", "chat", "--expires", "2020-01-01"}, 1, "", "not in the future"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runLos(t, env, "", tt.args...)
			if r.code != tt.wantCode || !strings.Contains(r.stdout, tt.wantOut) || !strings.Contains(r.stderr, tt.wantErr) {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tt.wantCode, r.stdout, r.stderr)
			}
			if strings.Contains(r.stdout+r.stderr, key) {
				t.Error("the key is shown again")
			}
		})
	}
	if r := runLos(t, env, "", "keys", "list"); !strings.Contains(r.stdout, "chat,agent") || !strings.Contains(r.stdout, "never") || strings.Count(r.stdout, "\n") != 3 {
		t.Errorf("list after revoke:\n%s", r.stdout)
	}
}
