package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestEvalLang(t *testing.T) {
	r := runLos(t, baseEnv(t), "", "eval", "lang", "--ud", "../../lang/corpus/ud",
		"--tsv", "../../eval/testdata/blind/answers_single.tune.tsv", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var reps []struct {
		Name     string             `json:"name"`
		Balanced map[string]float64 `json:"balanced_accuracy"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &reps); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	// In-sample, held-out, each split into ambiguous and unambiguous
	// sentences (the translations lie beside the dev files), the TSV.
	var names []string
	for _, r := range reps {
		names = append(names, r.Name)
	}
	if len(reps) != 7 || !strings.Contains(reps[1].Name, "held-out") || !strings.Contains(reps[4].Name, "held-out part, ambiguous") ||
		!strings.Contains(reps[5].Name, "held-out part, unambiguous") || !strings.Contains(reps[6].Name, "answers_single") {
		t.Fatalf("reports:\n%s", strings.Join(names, "\n"))
	}
	for _, band := range []string{"<6", "6-15", ">15", "all"} {
		if v := reps[1].Balanced[band]; v < 0.5 || v > 1 {
			t.Errorf("held-out %s: %v", band, v)
		}
	}
	if r := runLos(t, baseEnv(t), "", "eval", "lang"); r.code == 0 {
		t.Error("no input accepted")
	}
}
