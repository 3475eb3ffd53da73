package ollamatest

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"os"

	"github.com/ollama/ollama/fs/ggml"
)

// Shape of the tiny model: small enough to load in milliseconds on a CPU,
// large enough to be a real llama model that the server runs unchanged.
const (
	ModelContext = 512
	ModelEmbed   = 64 // also the length of the embedding vectors
	modelBlocks  = 2
	modelHeads   = 4
	modelFF      = 128
)

// WriteModel writes the tiny llama model as a GGUF file at path. The same seed
// always gives the same bytes.
func WriteModel(path string, seed uint64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := ggml.WriteGGUF(f, modelKV(newVocab()), modelTensors(newVocab(), seed)); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Close()
}

func modelKV(v vocab) ggml.KV {
	return ggml.KV{
		"general.architecture":                   "llama",
		"general.name":                           "los-tiny",
		"general.file_type":                      uint32(0), // all f32
		"llama.context_length":                   uint32(ModelContext),
		"llama.embedding_length":                 uint32(ModelEmbed),
		"llama.block_count":                      uint32(modelBlocks),
		"llama.feed_forward_length":              uint32(modelFF),
		"llama.attention.head_count":             uint32(modelHeads),
		"llama.attention.head_count_kv":          uint32(modelHeads),
		"llama.attention.layer_norm_rms_epsilon": float32(1e-5),
		"llama.rope.dimension_count":             uint32(ModelEmbed / modelHeads),
		"llama.rope.freq_base":                   float32(10000),
		"llama.vocab_size":                       uint32(len(v.tokens)),
		"tokenizer.ggml.model":                   "llama",
		"tokenizer.ggml.tokens":                  v.tokens,
		"tokenizer.ggml.scores":                  v.scores,
		"tokenizer.ggml.token_type":              v.types,
		"tokenizer.ggml.unknown_token_id":        uint32(0),
		"tokenizer.ggml.bos_token_id":            uint32(1),
		"tokenizer.ggml.eos_token_id":            uint32(2),
		"tokenizer.ggml.add_bos_token":           true,
		"tokenizer.ggml.add_eos_token":           false,
	}
}

func modelTensors(v vocab, seed uint64) []*ggml.Tensor {
	rng := splitmix(seed)
	n := uint64(len(v.tokens))
	var ts []*ggml.Tensor
	add := func(name string, data []float32, shape ...uint64) {
		ts = append(ts, f32Tensor(name, data, shape...))
	}
	uniform := func(count uint64, scale float32) []float32 {
		out := make([]float32, count)
		for i := range out {
			out[i] = rng.uniform() * scale
		}
		return out
	}
	ones := func(count uint64) []float32 {
		out := make([]float32, count)
		for i := range out {
			out[i] = 1
		}
		return out
	}

	// Shapes are in GGUF order: the first dimension varies fastest.
	add("token_embd.weight", uniform(ModelEmbed*n, 1), ModelEmbed, n)
	for b := range modelBlocks {
		p := fmt.Sprintf("blk.%d.", b)
		add(p+"attn_norm.weight", ones(ModelEmbed), ModelEmbed)
		for _, w := range []string{"attn_q", "attn_k", "attn_v", "attn_output"} {
			add(p+w+".weight", uniform(ModelEmbed*ModelEmbed, 0.2), ModelEmbed, ModelEmbed)
		}
		add(p+"ffn_norm.weight", ones(ModelEmbed), ModelEmbed)
		add(p+"ffn_gate.weight", uniform(ModelEmbed*modelFF, 0.2), ModelEmbed, modelFF)
		add(p+"ffn_up.weight", uniform(ModelEmbed*modelFF, 0.2), ModelEmbed, modelFF)
		add(p+"ffn_down.weight", uniform(modelFF*ModelEmbed, 0.2), modelFF, ModelEmbed)
	}
	add("output_norm.weight", ones(ModelEmbed), ModelEmbed)

	// The output rows of special and byte tokens stay zero, so their logits
	// are 0 while the best of the ~400 printable tokens is far above 0: the
	// model never ends early and never emits a lone byte.
	out := uniform(ModelEmbed*n, 1)
	for i := range n {
		if v.special(int(i)) {
			clear(out[i*ModelEmbed : (i+1)*ModelEmbed])
		}
	}
	add("output.weight", out, ModelEmbed, n)
	return ts
}

func f32Tensor(name string, data []float32, shape ...uint64) *ggml.Tensor {
	buf := make([]byte, 0, 4*len(data))
	for _, x := range data {
		buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(x))
	}
	return &ggml.Tensor{
		Name:     name,
		Kind:     uint32(ggml.TensorTypeF32),
		Shape:    shape,
		WriterTo: bytes.NewReader(buf),
	}
}

// rng is SplitMix64: tiny, fast and fully specified, so the weights never
// change with the Go version.
type rng struct{ state uint64 }

func splitmix(seed uint64) *rng { return &rng{state: seed} }

func (r *rng) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// uniform returns a float in [-1, 1).
func (r *rng) uniform() float32 {
	return float32(r.next()>>40)/float32(1<<23) - 1
}
