package ollamatest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/ollama/ollama/fs/ggml"
)

func TestWriteModelIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, seed uint64) []byte {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := WriteModel(path, seed); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, b, other := write("a.gguf", 1), write("b.gguf", 1), write("c.gguf", 2)
	if !bytes.Equal(a, b) {
		t.Error("two models written with seed 1 differ")
	}
	if bytes.Equal(a, other) {
		t.Error("models written with seeds 1 and 2 are identical")
	}
	if len(a) > 1<<20 {
		t.Errorf("model is %d bytes, want under 1 MiB", len(a))
	}
}

func TestWriteModelReadsBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tiny.gguf")
	if err := WriteModel(path, 1); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := ggml.Decode(f, -1)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	kv := m.KV()
	v := newVocab()
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"architecture", kv.Architecture(), "llama"},
		{"blocks", kv.BlockCount(), uint64(2)},
		{"embedding", kv.EmbeddingLength(), uint64(ModelEmbed)},
		{"context", kv.ContextLength(), uint64(ModelContext)},
		{"vocabulary", len(kv.Strings("tokenizer.ggml.tokens")), len(v.tokens)},
		{"tensors", len(m.Tensors().Items()), 3 + 9*2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
	t.Logf("%d tokens, %d parameters, %d bytes", len(v.tokens), kv.ParameterCount(), m.Length)
}

func TestVocabCoversNorwegianText(t *testing.T) {
	v := newVocab()
	index := map[string]int{}
	for i, tok := range v.tokens {
		if _, dup := index[tok]; dup {
			t.Errorf("token %q appears twice", tok)
		}
		index[tok] = i
	}
	for _, want := range []string{"<unk>", "<s>", "</s>", "<0x00>", "<0x0A>", "<0xFF>", "▁", "æ", "ø", "å", "Æ", "Ø", "Å", "▁ikkje", "▁hei"} {
		if _, ok := index[want]; !ok {
			t.Errorf("token %q missing", want)
		}
	}
}
