package triage

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/los-bot/los"
)

func TestEmbeddedLexicons(t *testing.T) {
	lex, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(lex.Files(), ","); got != "en.json,nb.json,nn.json" {
		t.Errorf("Files() = %s", got)
	}
	seen := map[los.Category]bool{}
	for _, r := range lex.rules {
		seen[r.cat] = true
	}
	for _, c := range los.Categories {
		if c != los.CategoryNone && !seen[c] {
			t.Errorf("no lexicon entry for %s", c)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	const head = `{"standard": "nb", "sets": {"close": ["mor"]}, "entries": [`
	tests := []struct {
		name  string
		file  string
		entry int
		want  string
	}{
		{"syntax", "{\n\"standard\": \"nb\",\n\"entries\": [,]}", 0, "line 3, column 13"},
		{"unknown field", `{"standard": "nb", "entris": []}`, 0, `unknown field "entris"`},
		{"wrong type", `{"standard": "nb", "entries": [{"id": "a", "weight": "high"}]}`, 0, "line 1"},
		{"standard", `{"standard": "sv", "entries": []}`, 0, `standard "sv"`},
		{"no id", head + `{"category": "illness", "weight": 0.5, "terms": ["kreft"]}]}`, 1, "id is missing"},
		{"category", head + `{"id": "a", "category": "grief", "weight": 0.5, "terms": ["sorg"]}]}`, 1, `category "grief"`},
		{"category none", head + `{"id": "a", "category": "none", "weight": 0.5, "terms": ["sorg"]}]}`, 1, `category "none"`},
		{"weight", head + `{"id": "a", "category": "illness", "weight": 1.5, "terms": ["kreft"]}]}`, 1, "weight 1.5"},
		{"empty", head + `{"id": "a", "category": "illness", "weight": 0.5}]}`, 1, "no terms or phrases"},
		{"term of two words", head + `{"id": "a", "category": "illness", "weight": 0.5, "terms": ["alvorlig syk"]}]}`, 1, `terms[0] "alvorlig syk": a term is one word`},
		{"unknown set", head + `{"id": "ok", "category": "illness", "weight": 0.5, "terms": ["kreft"]}, {"id": "b", "category": "bereavement", "weight": 0.5, "phrases": ["@clsoe døde"]}]}`, 2, `phrases[0] "@clsoe døde": unknown set "clsoe"`},
		{"capital letters", head + `{"id": "a", "category": "illness", "weight": 0.5, "terms": ["Kreft"]}]}`, 1, `word "Kreft"`},
		{"number", head + `{"id": "a", "category": "vulnerable", "weight": 0.5, "phrases": ["#80 år"]}]}`, 1, `number "#80"`},
		{"number range", head + `{"id": "a", "category": "vulnerable", "weight": 0.5, "phrases": ["#110-80 år"]}]}`, 1, `number "#110-80"`},
		{"ellipsis first", head + `{"id": "a", "category": "illness", "weight": 0.5, "phrases": ["... syk"]}]}`, 1, "cannot start with ..."},
		{"figurative", head + `{"id": "a", "category": "illness", "weight": 0.5, "terms": ["syk"], "figurative": ["sykt|"]}]}`, 1, `figurative[0] "sykt|": empty alternative`},
		{"hyperbole", head + `{"id": "a", "category": "violence", "weight": 0.5, "terms": ["drepe"], "hyperbole": ["@nope meg"]}]}`, 1, `hyperbole[0] "@nope meg": unknown set "nope"`},
		{"gap", head + `{"id": "a", "category": "illness", "weight": 0.5, "terms": ["syk"], "gap": 9}]}`, 1, "gap 9"},
		{"duplicate id", head + `{"id": "a", "category": "illness", "weight": 0.5, "terms": ["syk"]}, {"id": "a", "category": "illness", "weight": 0.5, "terms": ["kreft"]}]}`, 2, "duplicate id"},
		{"personal without persons", `{"standard": "nb", "entries": [{"id": "a", "category": "illness", "weight": 0.5, "terms": ["syk"], "personal": true}]}`, 1, `personal needs the set "self" or "close"`},
		{"negator", `{"standard": "nb", "negators": ["ikke noe"], "entries": []}`, 0, `negators: "ikke noe"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadFS(fstest.MapFS{"nb.json": {Data: []byte(tt.file)}})
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("LoadFS: %v, want a *LoadError", err)
			}
			if le.File != "nb.json" || le.Entry != tt.entry {
				t.Errorf("error at %s entry %d, want nb.json entry %d", le.File, le.Entry, tt.entry)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "nb.json") {
				t.Errorf("error %q, want it to name nb.json and contain %q", err, tt.want)
			}
		})
	}
}

func TestLoadFSEmpty(t *testing.T) {
	if _, err := LoadFS(fstest.MapFS{}); err == nil {
		t.Fatal("LoadFS of no files: want an error")
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	// An added file with a new term, and nn.json replaced by an almost
	// empty one.
	extra := `{"standard": "nb", "entries": [
		{"id": "local-fraud", "category": "fraud_victim", "weight": 0.9, "terms": ["strømtyv"]}]}`
	nn := `{"standard": "nn", "entries": []}`
	for name, data := range map[string]string{"local.json": extra, "nn.json": nn, "notes.txt": "ignored"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	lex, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(lex.Files(), ","); got != "en.json,local.json,nb.json,nn.json" {
		t.Errorf("Files() = %s", got)
	}
	c := New(lex, WithModel(nil)) // the rules alone: the model knows Nynorsk too
	if got := c.Classify(context.Background(), "En strømtyv har vært hjemme hos meg"); got.Category != los.CategoryFraudVictim {
		t.Errorf("added term: got %s %v, want fraud_victim", got.Category, got.Signals)
	}
	// Nynorsk-only forms are gone with the replaced nn.json.
	if got := c.Classify(context.Background(), "eg har sjølvmordstankar"); got.Category != los.CategoryNone {
		t.Errorf("replaced nn.json: got %s %v, want none", got.Category, got.Signals)
	}

	if err := os.WriteFile(filepath.Join(dir, "bad.json"), []byte(`{"standard": "nb", "entries": [{"id": "x"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadDir(dir); err == nil || !strings.Contains(err.Error(), "bad.json: entry 1") {
		t.Errorf("LoadDir with a bad file: %v, want an error naming bad.json entry 1", err)
	}
	if _, err := LoadDir(filepath.Join(dir, "missing")); err == nil {
		t.Error("LoadDir of a missing directory: want an error")
	}
}
