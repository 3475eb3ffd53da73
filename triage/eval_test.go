package triage

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/los-bot/los/bot"
)

func evaluateFile(t *testing.T, path string) Report {
	t.Helper()
	c, err := NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := Evaluate(context.Background(), f, c)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rep.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + buf.String())
	return rep
}

func TestDevTargets(t *testing.T) {
	rep := evaluateFile(t, "testdata/dev.tsv")
	for _, tg := range rep.Targets {
		if !tg.Met {
			t.Errorf("dev target %s: %.3f, goal %.2f", tg.Name, tg.Value, tg.Goal)
		}
	}
}

// TestHoldout holds the rules to a looser floor on messages they were not
// tuned on.
func TestHoldout(t *testing.T) {
	rep := evaluateFile(t, "testdata/holdout.tsv")
	floor := Goals{CriticalRecall: 0.9, SensitiveRecall: 0.8, FalseAlarmRate: 0.1, CategoryAccuracy: 0.7}
	for _, tg := range floor.check(rep.Summary) {
		if !tg.Met {
			t.Errorf("holdout %s: %.3f, floor %.2f", tg.Name, tg.Value, tg.Goal)
		}
	}
}

// TestBlindA holds the rules to a floor on blind set A. The set was written
// by people who never saw the lexicons, but the rules have since been fixed
// against its misses: it is a TUNING set now, not a held-out measure. The
// floor sits a little under what the rules reach, so that a regression on
// language the set covers shows.
func TestBlindA(t *testing.T) {
	rep := evaluateFile(t, "testdata/blind_a.tsv")
	floor := Goals{CriticalRecall: 0.95, SensitiveRecall: 0.95, FalseAlarmRate: 0.03, CategoryAccuracy: 0.95}
	for _, tg := range floor.check(rep.Summary) {
		if !tg.Met {
			t.Errorf("blind set A %s: %.3f, floor %.2f", tg.Name, tg.Value, tg.Goal)
		}
	}
}

// TestBlindB keeps blind set B honest: written by someone who never saw
// the lexicons and NEVER tuned on (do not read its messages when changing
// rules; look only at these figures). It measures how the rules do on
// wording nobody here has seen, which is how Los is judged. Measured
// (critical recall / sensitive recall / false alarms / category accuracy):
// 0.556 / 0.750 / 11.5% / 0.730 before the blind-set work, 0.694 / 0.811 /
// 11.5% / 0.791 after tuning on set A, 0.722 / 0.838 / 9.6% / 0.818 after
// tuning on set C — short of the targets; the floors only catch
// regressions.
func TestBlindB(t *testing.T) {
	rep := evaluateFile(t, "testdata/blind_b.tsv")
	floor := Goals{CriticalRecall: 0.70, SensitiveRecall: 0.82, FalseAlarmRate: 0.11, CategoryAccuracy: 0.80}
	for _, tg := range floor.check(rep.Summary) {
		if !tg.Met {
			t.Errorf("blind set B %s: %.3f, floor %.3f", tg.Name, tg.Value, tg.Goal)
		}
	}
	t.Logf("blind set B: critical recall %.3f, sensitive recall %.3f, false alarms %.3f, category accuracy %.3f",
		rep.Summary.CriticalRecall, rep.Summary.SensitiveRecall, rep.Summary.FalseAlarmRate, rep.Summary.CategoryAccuracy)
}

// TestBlindC holds the rules to a floor on blind set C (240 hard messages
// written by someone who never saw the lexicons). Measured when it arrived:
// critical recall 0.588, sensitive recall 0.763, false alarms 18%, category
// accuracy 0.726. The rules were then tuned on its misses, so it is a TUNING
// set now, not a held-out measure; the floor sits a little under what the
// rules reach (1.000, 1.000, 0%, 1.000) so that a regression shows.
func TestBlindC(t *testing.T) {
	rep := evaluateFile(t, "testdata/blind_c.tsv")
	floor := Goals{CriticalRecall: 0.97, SensitiveRecall: 0.95, FalseAlarmRate: 0.03, CategoryAccuracy: 0.95}
	for _, tg := range floor.check(rep.Summary) {
		if !tg.Met {
			t.Errorf("blind set C %s: %.3f, floor %.2f", tg.Name, tg.Value, tg.Goal)
		}
	}
}

func TestReadExamplesErrors(t *testing.T) {
	const head = "label\tvariant\ttext\n"
	tests := []struct {
		name, tsv, want string
	}{
		{"empty", "", "line 1: empty file"},
		{"header", "category\tlang\ttext\n", "line 1: header"},
		{"fields", head + "none\tnb\tHei\nnone\tnb\n", "line 3: 2 fields"},
		{"label", head + "grief\tnb\tMor døde\n", `line 2: label "grief"`},
		{"variant", head + "none\tno\tHei\n", `line 2: variant "no"`},
		{"text", head + "none\tnb\t  \n", "line 2: empty text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Evaluate(context.Background(), strings.NewReader(tt.tsv), newTestClassifier(t))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Evaluate: %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestEvaluateReport(t *testing.T) {
	tsv := "label\tvariant\ttext\n" +
		"# comments and blank lines are skipped\n\n" +
		"bereavement\tnb\tMora mi døde i går\n" +
		"self_harm\tnn\tEg vil ikkje leve lenger\n" +
		"none\tnb\tJeg døde av latter\n" +
		"none\ten\tHow do I pay my bill?\n" +
		"distress\tnb\tHvordan betaler jeg?\n" // a deliberate miss
	rep, err := Evaluate(context.Background(), strings.NewReader(tsv), newTestClassifier(t))
	if err != nil {
		t.Fatal(err)
	}
	if rep.N != 5 || rep.ByVariant["nb"] != 3 || rep.ByVariant["nn"] != 1 || rep.ByVariant["en"] != 1 {
		t.Errorf("N %d by variant %v", rep.N, rep.ByVariant)
	}
	s := rep.Summary
	if s.CriticalRecall != 1 || s.SensitiveRecall != 2.0/3 || s.FalseAlarmRate != 0 || s.Accuracy != 0.8 {
		t.Errorf("summary %+v", s)
	}
	if rep.Passed() {
		t.Error("Passed() with sensitive recall 0.67, want false")
	}
	if len(rep.Mistakes) != 1 || rep.Mistakes[0].Line != 8 || rep.Mistakes[0].Predicted != bot.CategoryNone {
		t.Errorf("mistakes %+v, want line 8 predicted none", rep.Mistakes)
	}
	if got := rep.Confusion[bot.CategoryDistress][bot.CategoryNone]; got != 1 {
		t.Errorf("confusion distress->none = %d, want 1", got)
	}
	var buf bytes.Buffer
	if err := rep.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"messages: 5 (nb 3, nn 1, en 1)", "precision", "label \\ predicted", "sensitive_recall", "line 8: distress -> none"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, buf.String())
		}
	}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"critical_recall":1`, `"false_alarm_rate":0`, `"confusion":{`, `"calibration":[`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON report lacks %s: %s", key, b)
		}
	}
}
