package lang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/los-bot/los"
)

func TestEvaluateUD(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("nb.test.txt", "Jeg har ikke fått regningen fra dere.\nHvorfor er strømmen så dyr nå?\n")
	write("nn.test.txt", "Eg har ikkje fått rekninga frå dykk.\n")
	write("README.md", "not a sentence file")
	reps, err := EvaluateUD(dir, Detect)
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 1 || !strings.Contains(reps[0].Name, "unseen") {
		t.Fatalf("reports %+v", reps)
	}
	r := reps[0]
	if r.Recall[BandAll][los.Bokmal].N != 2 || r.Recall[BandAll][los.Nynorsk].N != 1 || r.Balanced[BandAll] != 1 {
		t.Errorf("report %+v", r.Recall[BandAll])
	}
	var b strings.Builder
	if err := r.WriteText(&b); err != nil || !strings.Contains(b.String(), "balanced") {
		t.Errorf("table %q, %v", b.String(), err)
	}
	if _, err := EvaluateUD(t.TempDir(), Detect); err == nil {
		t.Error("an empty directory gave no error")
	}
}

func TestReadLabelled(t *testing.T) {
	ex, err := ReadTSV(strings.NewReader("id\tlang\ttext\n1\tnn\tEg veit ikkje\n2\tnb\tJeg vet ikke\n"))
	if err != nil || len(ex) != 2 || ex[0].Lang != los.Nynorsk || ex[1].Text != "Jeg vet ikke" {
		t.Errorf("ReadTSV = %+v, %v", ex, err)
	}
	if _, err := ReadTSV(strings.NewReader("id\ttext\n1\thei\n")); err == nil {
		t.Error("a TSV without a lang column was accepted")
	}
	if _, err := ReadTSV(strings.NewReader("lang\ttext\nde\thallo\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("unknown lang: %v", err)
	}
	ex, err = ReadConversations(strings.NewReader(`[{"lang":"nn","messages":[{"text":"a"},{"text":"b"}]}]`))
	if err != nil || len(ex) != 2 || ex[1].Lang != los.Nynorsk {
		t.Errorf("ReadConversations = %+v, %v", ex, err)
	}
}
