package auth_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/los-bot/los/auth"
)

func TestParseScopes(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []auth.Scope
		err  string
	}{
		{"one", "chat", []auth.Scope{auth.ScopeChat}, ""},
		{"all, spaced and repeated", " chat, kb:write,agent ,admin,chat", auth.Scopes, ""},
		{"upper case", "AGENT", []auth.Scope{auth.ScopeAgent}, ""},
		{"unknown", "chat,root", nil, `scope "root" is unknown`},
		{"empty", " , ", nil, "at least one scope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := auth.ParseScopes(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Fatalf("ParseScopes(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestKeysAreToldApartFromTokens(t *testing.T) {
	key, hash := auth.NewAPIKey()
	tests := []struct {
		name, header string
		isKey        bool
	}{
		{"api key", "Bearer " + key, true},
		{"conversation token", "Bearer lct_abc", false},
		{"no bearer", key, false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, ok := auth.IsKey(tt.header); ok != tt.isKey {
				t.Errorf("IsKey(%q) = %v", tt.header, ok)
			}
		})
	}
	if !strings.HasPrefix(key, auth.KeyPrefix) || string(auth.HashKey(key)) != string(hash) {
		t.Errorf("key %q and its hash do not match", key)
	}
}
