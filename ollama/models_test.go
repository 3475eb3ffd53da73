package ollama

import (
	"context"
	"errors"
	"testing"

	"github.com/los-bot/los/internal/ollamatest"
)

func TestList(t *testing.T) {
	s := ollamatest.Start(t)
	if err := s.CreateModel(context.Background(), "annen", 2); err != nil {
		t.Fatal(err)
	}
	got, err := List(context.Background(), s.Client, []string{"tiny", "", "nomic-embed-text", "tiny:latest"})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name                string
		configured, present bool
	}{
		{"tiny", true, true},
		{"nomic-embed-text", true, false},
		{"annen:latest", false, true},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d models %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Name != w.name || g.Configured != w.configured || g.Present != w.present {
			t.Errorf("model %d: %q configured %v present %v; want %q %v %v", i, g.Name, g.Configured, g.Present, w.name, w.configured, w.present)
		}
		if g.Present && (g.Size == 0 || g.Digest == "" || g.ModifiedAt.IsZero()) {
			t.Errorf("model %q: size %d, digest %q, modified %v; want them set", g.Name, g.Size, g.Digest, g.ModifiedAt)
		}
	}
}

func TestListUnreachable(t *testing.T) {
	c, base := closedClient(t)
	_, err := List(context.Background(), c, []string{"tiny"})
	want := `listing Ollama models: Ollama unreachable at ` + base + ` (start it with "ollama serve")`
	if !errors.Is(err, ErrUnreachable) || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func TestSameModel(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		same bool
	}{
		{"no tag means latest", "llama3.2", "llama3.2:latest", true},
		{"case", "Llama3.2", "llama3.2", true},
		{"library namespace", "library/llama3.2", "llama3.2:latest", true},
		{"registry and namespace", "registry.ollama.ai/library/llama3.2:3b", "llama3.2:3b", true},
		{"other tag", "llama3.2:1b", "llama3.2:latest", false},
		{"other model", "llama3.1", "llama3.2", false},
		{"user namespace", "alice/tiny", "tiny", false},
		{"registry port is no tag", "localhost:5000/tiny", "localhost:5000/tiny:latest", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SameModel(tt.a, tt.b); got != tt.same {
				t.Errorf("SameModel(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.same)
			}
		})
	}
}
