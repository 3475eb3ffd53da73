package eval

import (
	"context"
	"strings"
	"testing"

	"github.com/los-bot/los"
)

func TestCopilot(t *testing.T) {
	rows, err := ReadAnswerTSV(strings.NewReader("id\tlang\tslugs\tevidence\ttext\n" +
		"a\tnb\tfaktura\tx\tHvor er fakturaen?\n" +
		"b\tnn\tflytting,flytte\tx\tEg skal flytte\n" +
		"c\tnb\tsvindel\tx\tJeg er svindlet\n" +
		"d\ten\t-\t-\tWhere do I park?\n"))
	if err != nil || len(rows) != 4 || rows[1].Lang != los.Nynorsk || len(rows[1].Slugs) != 2 || rows[3].Slugs != nil {
		t.Fatalf("rows = %+v, %v", rows, err)
	}
	answers := map[string][]los.Source{
		"Hvor er fakturaen?": {{Slug: "faktura", Relevant: true}},
		"Eg skal flytte":     {{Slug: "strom"}, {Slug: "flytte", Relevant: true}},
		"Jeg er svindlet":    {{Slug: "faktura"}, {Slug: "strom"}, {Slug: "flytte"}},
		"Where do I park?":   {{Slug: "kontakt", Relevant: true}},
	}
	var asked []string
	suggest := func(_ context.Context, text string, l los.Standard, n int) ([]los.Source, error) {
		if n != 3 {
			t.Errorf("asked for %d suggestions, want 3", n)
		}
		asked = append(asked, string(l))
		return answers[text], nil
	}
	var done int
	rep, err := Copilot(context.Background(), "set.tsv", rows, suggest, true, func(d, total int) { done = d })
	if err != nil {
		t.Fatal(err)
	}
	if rep.InScope != 3 || rep.Top1 != 0.333 || rep.Top3 != 0.667 || rep.OutOfScope != 1 || rep.OutOfScopeRelevant != 1 || done != 4 {
		t.Errorf("report = %+v, done %d", rep, done)
	}
	if len(rep.Misses) != 1 || rep.Misses[0].ID != "c" || strings.Join(rep.Misses[0].Suggested, ",") != "faktura,strom,flytte" {
		t.Errorf("misses = %+v", rep.Misses)
	}
	if strings.Join(asked, ",") != "nb,nn,nb,en" {
		t.Errorf("asked in %v; want each question's standard", asked)
	}
	if rep, _ := Copilot(context.Background(), "set.tsv", rows, suggest, false, nil); rep.Misses != nil {
		t.Errorf("misses listed without being asked for: %+v", rep.Misses)
	}
	if _, err := ReadAnswerTSV(strings.NewReader("a\tnb\tx\n")); err == nil || !strings.Contains(err.Error(), "line 1: 3 columns") {
		t.Errorf("short row: err = %v", err)
	}
}
