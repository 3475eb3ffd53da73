package eval

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/los-bot/los/kb"
)

func TestUseful(t *testing.T) {
	for _, tc := range []struct {
		name, answer, evidence string
		useful, strict         bool
	}{
		{"verbatim", "Du trenger ikke å gjøre noe i nettbanken. Resten ordner vi.", "Du trenger ikke å gjøre noe i nettbanken.", true, true},
		{"case, marks and spacing", "**Lørdag** kl. 10–15\nSøndag stengt", "lørdag kl. 10–15", true, true},
		{"table row made a line", "- Lørdag: kl. 10–15", "| Lørdag | kl. 10–15 |", true, true},
		{"same sentence, a word inflected", "Fakturaane kjem som e-faktura i nettbanken frå 1. mars.",
			"fakturaen kjem som e-faktura i nettbanken frå 1. mars", true, false},
		{"a free translation is not taken", "Du treng ikkje gjere noko i nettbanken når forfallsdatoen endrar seg.",
			"Du trenger ikke å gjøre noe i nettbanken når forfallsdatoen endres.", false, false},
		{"another sentence", "Etableringsgebyret er 2 990 kr.", "Å endre hastighet er gratis.", false, false},
		{"number must match", "Gebyret er 49 kr per faktura.", "Gebyret er 39 kr per faktura.", false, false},
		{"short evidence only verbatim", "Gebyret er 39 kroner.", "39 kr", false, false},
		{"words spread over far sentences", "Fakturaen kommer i posten. Noe annet. Mer tekst. Gebyret betales ved forfall.",
			"fakturaen med gebyret kommer i posten", false, false},
		{"no evidence", "Noe", "-", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, s := Useful(tc.answer, tc.evidence)
			if u != tc.useful || s != tc.strict {
				t.Errorf("Useful(%q, %q) = %v, %v; want %v, %v", tc.answer, tc.evidence, u, s, tc.useful, tc.strict)
			}
		})
	}
}

func TestLoadCases(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.tsv")
	os.WriteFile(path, []byte("id\tlang\tslugs\tevidence\ttext\n"+
		"a1\tnb\tefaktura,avtalegiro\tgratis\thva koster efaktura\n"+
		"a2\tnn\t-\t-\tkvar kan eg parkere\n"), 0o600)
	cs, err := LoadCases(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || len(cs[0].Slugs) != 2 || cs[0].Slugs[1] != "avtalegiro" || len(cs[1].Slugs) != 0 || cs[1].Text != "kvar kan eg parkere" {
		t.Errorf("got %+v", cs)
	}
	os.WriteFile(path, []byte("id\tlang\tslugs\tevidence\ttext\nx\tnb\tslug\n"), 0o600)
	if _, err := LoadCases(path); err == nil || !strings.Contains(err.Error(), ":2:") {
		t.Errorf("a short line: err = %v, want one naming line 2", err)
	}
}

// TestAnswersFigures scores replies of every kind: right, wrong, refused,
// honest, dishonest, useful and not.
func TestAnswersFigures(t *testing.T) {
	cases := []Case{
		{ID: "1", Lang: "nb", Slugs: []string{"a"}, Evidence: "koster 39 kr per faktura", Text: "q1"},
		{ID: "2", Lang: "nb", Slugs: []string{"a", "b"}, Evidence: "x y z w", Text: "q2"},
		{ID: "3", Lang: "nn", Slugs: []string{"a"}, Evidence: "e", Text: "q3"},
		{ID: "4", Lang: "nn", Text: "q4"},
		{ID: "5", Lang: "en", Text: "q5"},
	}
	replies := map[string]Reply{
		"q1": {Answer: "Papirfaktura koster 39 kr per faktura.", Citations: []string{"a"}, Mode: "extractive"},
		"q2": {Answer: "...", Citations: []string{"c", "a"}, Mode: "extractive"},
		"q3": {Answer: "Ingen svar", Mode: "extractive", Action: "offer_handoff"},
		"q4": {Answer: "Ingen svar", Mode: "extractive", Action: "offer_handoff"},
		"q5": {Answer: "Svar", Citations: []string{"a"}, Mode: "extractive"},
	}
	rep, err := Answers(context.Background(), cases, func(_ context.Context, q string) (Reply, error) {
		return replies[q], nil
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	all := rep.All
	if all.Answerable != 3 || all.OutOfScope != 2 || !near(all.RightFirst, 1.0/3) || !near(all.Useful, 1.0/3) ||
		!near(all.Refused, 1.0/3) || !near(all.Honest, 0.5) {
		t.Errorf("all = %+v", all)
	}
	if nb := rep.ByLang["nb"]; nb.Answerable != 2 || !near(nb.RightFirst, 0.5) || nb.Refused != 0 {
		t.Errorf("nb = %+v", nb)
	}
	if len(rep.Outcomes) != 0 || len(rep.WithOutcomes().Outcomes) != 5 {
		t.Errorf("outcomes shown without asking, or missing when asked")
	}
	var out strings.Builder
	if err := rep.WithOutcomes().WriteText(&out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "want [a b], got [c a]") || strings.Contains(out.String(), "\n1 ") {
		t.Errorf("failures listed wrong:\n%s", out.String())
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestHeldOutNames(t *testing.T) {
	for _, p := range []string{AnswersHeldOut, ConversationsHeldOut, "/x/my_held-out.tsv"} {
		if !HeldOut(p) {
			t.Errorf("HeldOut(%q) = false", p)
		}
	}
	for _, p := range []string{AnswersTune, ConversationsTune} {
		if HeldOut(p) {
			t.Errorf("HeldOut(%q) = true", p)
		}
		if _, err := os.Stat(filepath.Join("..", p)); err != nil {
			t.Errorf("tuning set missing: %v", err)
		}
	}
}

// TestJudgeReadsTranslatedEvidence: an extractive answer that quotes the
// evidence's article machine-translated into the customer's standard is
// useful when the translated evidence is in it; without a translator, or
// when translating fails, only the evidence as written counts.
func TestJudgeReadsTranslatedEvidence(t *testing.T) {
	cases := []Case{{ID: "q1", Lang: "nn", Slugs: []string{"purring"}, Evidence: "Purringen kommer 14 dager etter forfall", Text: "Når kjem purringa?"}}
	reply := Reply{Answer: "Dette fann eg:\n\nPurringa kjem 14 dagar etter forfall. [1]", Citations: []string{"purring"}, Mode: "extractive", Lang: "nn"}
	ask := func(context.Context, string) (Reply, error) { return reply, nil }
	var asked []string
	translate := func(_ context.Context, from, to, text string) (string, error) {
		asked = append(asked, from+">"+to)
		if text != cases[0].Evidence {
			return "", errors.New("unexpected text")
		}
		return "Purringa kjem 14 dagar etter forfall", nil
	}
	broken := func(context.Context, string, string, string) (string, error) { return "", errors.New("not installed") }
	for _, tt := range []struct {
		name       string
		opt        Options
		wantUseful bool
	}{
		{"without a translator", Options{}, false},
		{"translator fails", Options{Translate: broken}, false},
		{"translated evidence found", Options{Translate: translate}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Answers(context.Background(), cases, ask, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := rep.All.Useful > 0; got != tt.wantUseful {
				t.Errorf("useful = %v, want %v", rep.All.Useful, tt.wantUseful)
			}
		})
	}
	if len(asked) != 1 || asked[0] != "nb>nn" {
		t.Errorf("translations asked: %v, want one nb>nn", asked)
	}
}

// TestTwinsAreRight: citing the twin of an answering article (same
// translation group, another standard) is right; an article of another
// group, or one without twins, is not.
func TestTwinsAreRight(t *testing.T) {
	cases := []Case{
		{ID: "1", Lang: "nn", Slugs: []string{"endre-fakturaadresse"}, Evidence: "Min side", Text: "q1"},
		{ID: "2", Lang: "nn", Slugs: []string{"endre-fakturaadresse"}, Evidence: "-", Text: "q2"},
		{ID: "3", Lang: "nb", Slugs: []string{"efaktura"}, Evidence: "-", Text: "q3"},
	}
	replies := map[string]Reply{
		"q1": {Answer: "Du endrar adressa på Min side.", Citations: []string{"endre-rekningsadresse"}, Mode: "extractive"},
		"q2": {Answer: "...", Citations: []string{"straumrekninga-forklart"}, Mode: "extractive"},
		"q3": {Answer: "...", Citations: []string{"avtalegiro"}, Mode: "extractive"},
	}
	groups := Groups([]kb.Article{
		{Slug: "endre-fakturaadresse", Group: "endre-fakturaadresse"},
		{Slug: "endre-rekningsadresse", Group: "endre-fakturaadresse"},
		{Slug: "straumrekninga-forklart", Group: "fakturaen-forklart"},
		{Slug: "efaktura"}, {Slug: "avtalegiro"},
	})
	if len(groups) != 3 {
		t.Fatalf("groups = %v", groups)
	}
	for _, opt := range []Options{{}, {Groups: groups}} {
		rep, err := Answers(context.Background(), cases, func(_ context.Context, q string) (Reply, error) {
			return replies[q], nil
		}, opt)
		if err != nil {
			t.Fatal(err)
		}
		want := 0.0
		if opt.Groups != nil {
			want = 1.0 / 3
		}
		if a := rep.All; !near(a.RightFirst, want) || !near(a.Useful, want) {
			t.Errorf("groups %v: right first %.3f, useful %.3f, want %.3f", opt.Groups != nil, a.RightFirst, a.Useful, want)
		}
	}
}
