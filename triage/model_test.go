package triage

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/los-bot/los"
)

// smallModel is a valid model file with two classes and one feature.
const smallModel = `{"version": 2, "data": "sha256:x", "classes": ["self_harm", "none"],
"thresholds": {"critical": 0.3, "high": 0.35, "medium": 0.5, "lower": 0, "below": 0.8},
"bias": [0, 0], "weights": {"w:sorg": [1.5, -1.5]}}`

func TestLoadModel(t *testing.T) {
	m, err := LoadModel(strings.NewReader(smallModel))
	if err != nil {
		t.Fatal(err)
	}
	if m.Features() != 1 || m.Thresholds().Critical != 0.3 || m.Data() != "sha256:x" {
		t.Errorf("loaded %d features, thresholds %+v, data %s", m.Features(), m.Thresholds(), m.Data())
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	again, err := LoadModel(&buf)
	if err != nil || again.Features() != 1 {
		t.Fatalf("reloading a written model: %v", err)
	}
}

func TestLoadModelErrors(t *testing.T) {
	replace := func(old, new string) string {
		if !strings.Contains(smallModel, old) {
			t.Fatalf("test model lacks %q", old)
		}
		return strings.Replace(smallModel, old, new, 1)
	}
	tests := []struct {
		name, file, want string
	}{
		{"syntax", replace(`"bias": [0, 0],`, `"bias": [0, 0]`), "line 3, column 16: invalid character"},
		{"type", replace(`"bias": [0, 0]`, `"bias": "0"`), "line 3, column"},
		{"unknown field", replace(`"data"`, `"dataset": "a", "data"`), `unknown field "dataset"`},
		{"version", replace(`"version": 2`, `"version": 1`), "version 1: this build reads version 2"},
		{"no digest", replace(`"data": "sha256:x"`, `"data": ""`), "data: missing"},
		{"class", replace(`"self_harm", "none"`, `"grief", "none"`), `classes[0]: "grief" is not a triage category`},
		{"no none", replace(`"self_harm", "none"`, `"self_harm", "violence"`), `classes: "none" is missing`},
		{"threshold", replace(`"high": 0.35`, `"high": 1.5`), "thresholds.high 1.5: want 0 < t <= 1"},
		{"lower", replace(`"lower": 0`, `"lower": -1`), "thresholds.lower -1"},
		{"bias", replace(`"bias": [0, 0]`, `"bias": [0]`), "bias: 1 values, want 2"},
		{"weights", replace(`[1.5, -1.5]`, `[1.5]`), `weights["w:sorg"]: 1 values, want 2 (one per class)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadModel(strings.NewReader(tt.file))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("LoadModel: %v, want an error containing %q", err, tt.want)
			}
			// Among lexicon files, the error names the model file.
			_, err = LoadFS(fstest.MapFS{ModelFile: {Data: []byte(tt.file)}, "nb.json": {Data: []byte(`{"standard": "nb", "entries": []}`)}})
			var le *LoadError
			if !errors.As(err, &le) || le.File != ModelFile || !strings.Contains(err.Error(), "model.json: ") {
				t.Errorf("LoadFS: %v, want a *LoadError naming %s", err, ModelFile)
			}
		})
	}
}

// TestLoadDirModel replaces the built-in model with one that never raises:
// the learned layer is then silent.
func TestLoadDirModel(t *testing.T) {
	lex, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	const text = "Det er ingen vits å fikse noe mer, jeg skal snart bort for godt."
	if got := New(lex).Classify(context.Background(), text); got.Category != los.CategorySelfHarm {
		t.Fatalf("built-in model: %s %v, want self_harm", got.Category, got.Signals)
	}
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, ModelFile))
	if err != nil {
		t.Fatal(err)
	}
	mute := lex.Model().WithThresholds(Thresholds{Critical: 1, High: 1, Medium: 1})
	if _, err := mute.WriteTo(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	over, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if over.Model().Thresholds().Critical != 1 || strings.Contains(strings.Join(over.Files(), ","), ModelFile) {
		t.Errorf("LoadDir: model thresholds %+v, files %v", over.Model().Thresholds(), over.Files())
	}
	if got := New(over).Classify(context.Background(), text); got.Category != los.CategoryNone {
		t.Errorf("muted model: %s %v, want none", got.Category, got.Signals)
	}
	if lex.Model().Thresholds().Critical == 1 {
		t.Error("WithThresholds changed the built-in model")
	}
}
