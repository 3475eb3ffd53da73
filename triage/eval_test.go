package triage

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/los-bot/los"
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
	// The held-out set's messages never reach the test log, not even on
	// failure: whoever reads them can no longer tune blind.
	shown := rep
	if slices.Contains(HeldOutSets, filepath.Base(path)) {
		shown.Mistakes = nil
	}
	var buf bytes.Buffer
	if err := shown.WriteText(&buf); err != nil {
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

// TestFloors holds the rules to floors on the other labelled sets. Order of
// the figures in the comments: critical recall / sensitive recall / false
// alarms of none / right category.
//
//   - holdout.tsv: written apart from dev and not tuned on at first
//     (0.83 / 0.944 / 5% / 0.926 untuned); a looser floor.
//   - blind_a.tsv and blind_c.tsv: written by people who never saw the
//     lexicons (untuned: A 0.650 / 0.772 / 6.9% / 0.759, C 0.588 / 0.763 /
//     18% / 0.726), then tuned on: TUNING sets now, floors a little under
//     what the rules reach, so regressions show.
//   - blind_d.tsv: written the same way (untuned: 0.810 / 0.814 / 11.4% /
//     0.801), then tuned on by wording family (round D): a TUNING set.
//   - blind_b.tsv: written the same way and NEVER tuned on (do not read its
//     messages when changing rules; look only at these figures). It shows
//     how the rules do on wording nobody here has seen, which is how Los is
//     judged: 0.556 / 0.750 / 11.5% / 0.730 before the blind-set work, 0.694
//     / 0.811 / 11.5% / 0.791 after round A, 0.722 / 0.838 / 9.6% / 0.818
//     after round C, 0.722 / 0.851 / 9.6% / 0.831 after round D — short of
//     the targets; the floor only catches regressions. In round D a failing
//     run printed six of its false alarms and one pattern ("dødt igjen" of a
//     device) was shaped by them, so its false-alarm figure is no longer
//     fully blind; its recall figures are. Its mistakes are now kept out of
//     the test log (see evaluateFile). With the learned second layer
//     (model.json, trained without blind_b, thresholds chosen by
//     cross-validation on the other sets): 1.000 / 0.973 / 7.7% / 0.919;
//     floors raised to just under that. After round E (families of false
//     alarms, fusion bounded by none_ratio): 1.000 / 0.973 / 3.8% / 0.926.
//     After round F+G (no none_ratio bound, F and G trained on):
//     1.000 / 0.959 / 1.9% / 0.919.
//   - blind_e.tsv: written the same way; first measured untuned, with the
//     rules alone 0.827 / 0.857 / 11.5% / 0.835 and with the learned layer
//     1.000 / 0.962 / 15.4% / 0.912 (recall good, false alarms the
//     problem), then tuned on by wording family (round E: killing words
//     about things, jokes, deaths long ago, star signs, asking about
//     scams, general questions about estates) and trained on: a TUNING
//     set.
//   - blind_f.tsv and blind_g.tsv: written the same way; measured untuned
//     with the rules alone (before round E) F 0.688 / 0.825 / 13.5% / 0.783,
//     G 0.750 / 0.795 / 17.6% / 0.753, and with rules + model of round E
//     F 0.938 / 0.958 / 10.8% / 0.873, G 0.938 / 0.952 / 16.2% / 0.880
//     (none_ratio 0: F 0.938 / 0.964 / 16.2%, G 1.000 / 0.970 / 21.6%);
//     then tuned on by wording family (round F+G) and trained on: TUNING
//     sets.
//   - blind_h.tsv: written the same way after round E (40 hard and 34
//     ordinary negatives) and held out through round F+G. Untuned: rules
//     alone before the learned layer 0.729 / 0.777 / 6.8% / 0.741; round E
//     with none_ratio 0, 0.979 / 0.964 / 8.1% / 0.892; after round F+G,
//     measured once: 1.000 / 0.982 / 5.4% / 0.916. Then tuned on by wording
//     family (round H: brain injury and autism, behind with bills, crypto
//     and fake-caller fraud, "sørge for", "blir borte" in rehab, heard about
//     scams, estate questions for clients) and trained on: a TUNING set.
//   - blind_i.tsv: written the same way after round F+G (40 hard and 34
//     ordinary negatives) and NEVER tuned on, like blind_b: do not read its
//     messages when changing rules or training. Rules alone before the
//     learned layer 0.792 / 0.849 / 10.8% / 0.813; after round F+G 0.979 /
//     0.958 / 10.8% / 0.916; after round H 0.979 / 0.958 / 12.2% / 0.934.
//     The floor only catches regressions.
//
// Issue 14 (evidence before alarm: no critical decision without evidence
// about the writer or someone close) cost recall that these floors had
// kept (blind_b critical 0.889, blind_i critical 0.917 / sensitive 0.946,
// held-out J critical 0.841 / sensitive 0.822). Its follow-up (triage2:
// a high learned critical probability without a cue keeps the critical
// category on weak evidence, a check-in; Offer 0.25 chosen on the folds)
// won most of it back, and the floors are raised to just under what it
// measured: blind_b and blind_i critical 1.000; blind_i sensitive 0.958.
// blind_b and blind_i were read for that round (blind_i's critical misses
// became wording families): both are IN-SAMPLE now, no longer held out.
// The held-out parts of blind_j stay unread (figures only, measured once):
// critical 0.909, sensitive 0.836, false alarms 12.8%; ordinary 1.3%.
// Their critical recall is short of the goal of 1.00: a known gap.
// Round L (2026-12-08) measured the held-out parts of J, K and L once
// after its changes (summaries only; L also once before any change): J
// 0.909 / 0.897, K 0.938 / 0.866, L 0.933 / 0.894 (critical /
// sensitive); ordinary false alarms J 1.3%, K 1.2%, L 1.1%. The floors
// sit just under, to catch a regression, not to claim the goal.
func TestFloors(t *testing.T) {
	tests := []struct {
		file  string
		floor Goals
	}{
		{"holdout.tsv", Goals{CriticalRecall: 0.9, SensitiveRecall: 0.8, FalseAlarmRate: 0.1, CategoryAccuracy: 0.7}},
		{"blind_a.tsv", Goals{CriticalRecall: 0.95, SensitiveRecall: 0.95, FalseAlarmRate: 0.03, CategoryAccuracy: 0.95}},
		{"blind_c.tsv", Goals{CriticalRecall: 0.97, SensitiveRecall: 0.95, FalseAlarmRate: 0.03, CategoryAccuracy: 0.95}},
		{"blind_d.tsv", Goals{CriticalRecall: 0.97, SensitiveRecall: 0.95, FalseAlarmRate: 0.03, CategoryAccuracy: 0.95}},
		{"blind_e.tsv", Goals{CriticalRecall: 0.98, SensitiveRecall: 0.97, FalseAlarmRate: 0.03, CategoryAccuracy: 0.95}},
		// F: 0.976 / 0.958 since train_n3 (600 indirect self_harm and violence messages) joined the training sets.
		{"blind_f.tsv", Goals{CriticalRecall: 0.99, SensitiveRecall: 0.975, FalseAlarmRate: 0.03, CategoryAccuracy: 0.955}},
		// G: 4 of 74 since round L (a nursing student writing about illness gets a check-in).
		{"blind_g.tsv", Goals{CriticalRecall: 0.99, SensitiveRecall: 0.99, FalseAlarmRate: 0.055, CategoryAccuracy: 0.96}},
		{"blind_h.tsv", Goals{CriticalRecall: 0.99, SensitiveRecall: 0.975, FalseAlarmRate: 0.03, CategoryAccuracy: 0.97}},
		{"blind_b.tsv", Goals{CriticalRecall: 0.99, SensitiveRecall: 0.95, FalseAlarmRate: 0.02, CategoryAccuracy: 0.94}},
		{"blind_i.tsv", Goals{CriticalRecall: 0.99, SensitiveRecall: 0.95, FalseAlarmRate: 0.1, CategoryAccuracy: 0.94}},
		{"blind_j_sensitive.tune.tsv", Goals{CriticalRecall: 0.99, SensitiveRecall: 0.97, FalseAlarmRate: 0.01, CategoryAccuracy: 0.95}},
		{"blind_j_ordinary.tune.tsv", Goals{FalseAlarmRate: 0.005}},
		{"blind_j_sensitive.heldout.tsv", Goals{CriticalRecall: 0.9, SensitiveRecall: 0.89, FalseAlarmRate: 0.11, CategoryAccuracy: 0.87}},
		{"blind_j_ordinary.heldout.tsv", Goals{FalseAlarmRate: 0.014}},
		{"blind_k_sensitive.tune.tsv", Goals{CriticalRecall: 0.99, SensitiveRecall: 0.97, FalseAlarmRate: 0.09, CategoryAccuracy: 0.9}},
		{"blind_k_ordinary.tune.tsv", Goals{FalseAlarmRate: 0.01}},
		{"blind_l_sensitive.tune.tsv", Goals{CriticalRecall: 0.99, SensitiveRecall: 0.97, FalseAlarmRate: 0.03, CategoryAccuracy: 0.96}},
		{"blind_l_ordinary.tune.tsv", Goals{FalseAlarmRate: 0.015}},
		{"blind_l_sensitive.heldout.tsv", Goals{CriticalRecall: 0.93, SensitiveRecall: 0.88, FalseAlarmRate: 0.19, CategoryAccuracy: 0.85}},
		{"blind_l_ordinary.heldout.tsv", Goals{FalseAlarmRate: 0.012}},
		{"blind_k_sensitive.heldout.tsv", Goals{CriticalRecall: 0.93, SensitiveRecall: 0.86, FalseAlarmRate: 0.09, CategoryAccuracy: 0.83}},
		{"blind_k_ordinary.heldout.tsv", Goals{FalseAlarmRate: 0.012}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rep := evaluateFile(t, "testdata/"+tt.file)
			for _, tg := range tt.floor.check(rep.Summary) {
				if !tg.Met {
					t.Errorf("%s %s: %.3f, floor %.3f", tt.file, tg.Name, tg.Value, tg.Goal)
				}
			}
		})
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
	if len(rep.Mistakes) != 1 || rep.Mistakes[0].Line != 8 || rep.Mistakes[0].Predicted != los.CategoryNone {
		t.Errorf("mistakes %+v, want line 8 predicted none", rep.Mistakes)
	}
	if got := rep.Confusion[los.CategoryDistress][los.CategoryNone]; got != 1 {
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
