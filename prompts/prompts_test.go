package prompts

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
)

var _ bot.Prompter = (*Set)(nil)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestPromptGolden(t *testing.T) {
	set, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	sources := []los.Source{
		{Slug: "endre-fakturaadresse", Title: "Endre fakturaadresse", Heading: "Endre fakturaadresse", Lang: los.Bokmal, Text: "Du endrer fakturaadressen på Min side under Profil."},
		{Slug: "efaktura", Title: "E-faktura", Heading: "Slik bestiller du", Lang: los.Nynorsk, Text: "Bestill e-faktura i nettbanken din."},
	}
	history := []los.Message{
		{Role: los.RoleCustomer, Text: "Hei!", Created: time.Unix(0, 0)},
		{Role: los.RoleBot, Text: "Hei, hva kan jeg hjelpe med?"},
		{Role: los.RoleSystem, Text: "never shown"},
	}
	tests := []struct {
		name     string
		lang     los.Standard
		question string
		history  []los.Message
	}{
		{name: "nb", lang: los.Bokmal, question: "Hvordan endrer jeg fakturaadressen?"},
		{name: "nn", lang: los.Nynorsk, question: "Korleis endrar eg fakturaadressa?"},
		{name: "en", lang: los.English, question: "How do I change my billing address?"},
		{name: "nb_history", lang: los.Bokmal, question: "Og e-faktura?", history: history},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs, err := set.Prompt(tt.lang, tt.question, sources, tt.history)
			if err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			for _, m := range msgs {
				got.WriteString("### " + m.Role + "\n" + m.Content + "\n")
			}
			path := filepath.Join("testdata", tt.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./prompts -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got.String()); diff != "" {
				t.Errorf("prompt mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadOverride(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "system.nb.tmpl"), []byte("Overstyrt."), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := set.Prompt(los.Bokmal, "q", []los.Source{{Title: "t", Text: "x"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if msgs[0].Content != "Overstyrt." {
		t.Errorf("system prompt = %q, want the override", msgs[0].Content)
	}

	if err := os.WriteFile(filepath.Join(dir, "user.nb.tmpl"), []byte("{{.Nope"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "user.nb.tmpl") {
		t.Errorf("Load with a broken override: err = %v, want one naming the file", err)
	}
}

func TestSummaryPromptGolden(t *testing.T) {
	set := MustLoad()
	transcript := []los.Message{
		{Role: los.RoleCustomer, Text: "Mannen min døde i forrige uke. Hva gjør jeg med strømavtalen hans?"},
		{Role: los.RoleBot, Text: "Jeg er lei for det. Jeg sender samtalen videre."},
		{Role: los.RoleSystem, Text: "never shown"},
	}
	msgs, err := set.SummaryPrompt(transcript)
	if err != nil {
		t.Fatal(err)
	}
	got := msgs[0].Role + "\n" + msgs[0].Content + "\n"
	path := filepath.Join("testdata", "summary.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("summary prompt mismatch (-want +got):\n%s", diff)
	}
}
