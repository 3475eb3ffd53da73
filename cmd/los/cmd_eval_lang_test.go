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
	if len(reps) != 3 || !strings.Contains(reps[1].Name, "held-out") {
		t.Fatalf("reports: %+v", reps)
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
