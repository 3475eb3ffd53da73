package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/los-bot/los/apispec"
)

// TestClientIsUpToDate fails when apispec/openapi.json changed and the
// client was not generated again (go generate ./internal/apiclient).
func TestClientIsUpToDate(t *testing.T) {
	want, err := generate(apispec.JSON)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../client.gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("internal/apiclient/client.gen.go is out of date with apispec/openapi.json: run go generate ./internal/apiclient")
	}
}

func TestFieldName(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"id", "id", "ID"},
		{"snake", "conversation_id", "ConversationID"},
		{"url", "url", "URL"},
		{"ms", "first_token_ms", "FirstTokenMS"},
		{"plain", "messages", "Messages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fieldName(tt.in); got != tt.want {
				t.Errorf("fieldName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
