package ollama

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ollama/ollama/api"
)

// ModelState is one model as the Ollama server knows it.
type ModelState struct {
	Name       string // as configured, or as listed by the server
	Configured bool   // Los is configured to use it
	Present    bool   // the server has it locally
	Size       int64  // bytes on disk, when present
	ModifiedAt time.Time
	Digest     string
	Parameters string // parameter size, e.g. "8.0B"
	Quantized  string // quantization level, e.g. "Q4_K_M"
}

// List returns the wanted models first, in order, present or missing, then
// every other model the server has, by name. Empty and repeated names in want
// are skipped.
func List(ctx context.Context, c *api.Client, want []string) ([]ModelState, error) {
	resp, err := c.List(ctx)
	if err != nil {
		if isTransport(err) {
			err = unreachable(err)
		}
		return nil, fmt.Errorf("listing Ollama models: %w", err)
	}
	used := make([]bool, len(resp.Models))
	var out []ModelState
	for _, name := range want {
		if name == "" || slices.ContainsFunc(out, func(m ModelState) bool { return SameModel(m.Name, name) }) {
			continue
		}
		m := ModelState{Name: name, Configured: true}
		for i, lm := range resp.Models {
			if SameModel(lm.Name, name) || SameModel(lm.Model, name) {
				used[i] = true
				fill(&m, lm)
				break
			}
		}
		out = append(out, m)
	}
	var others []ModelState
	for i, lm := range resp.Models {
		if !used[i] {
			m := ModelState{Name: lm.Name}
			fill(&m, lm)
			others = append(others, m)
		}
	}
	slices.SortFunc(others, func(a, b ModelState) int { return strings.Compare(a.Name, b.Name) })
	return append(out, others...), nil
}

func fill(m *ModelState, lm api.ListModelResponse) {
	m.Present = true
	m.Size = lm.Size
	m.ModifiedAt = lm.ModifiedAt
	m.Digest = lm.Digest
	m.Parameters = lm.Details.ParameterSize
	m.Quantized = lm.Details.QuantizationLevel
}

// SameModel reports whether two model names point to the same model: a name
// without a tag means ":latest", the default registry and the "library"
// namespace may be left out, and case does not matter.
func SameModel(a, b string) bool {
	return strings.EqualFold(canonical(a), canonical(b))
}

func canonical(name string) string {
	name = strings.TrimPrefix(name, "registry.ollama.ai/")
	name = strings.TrimPrefix(name, "library/")
	if !strings.Contains(name[strings.LastIndex(name, "/")+1:], ":") {
		name += ":latest"
	}
	return name
}
