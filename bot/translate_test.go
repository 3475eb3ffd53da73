package bot_test

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/los-bot/los/apertium"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/lang"

	"github.com/los-bot/los"
)

// fakeTranslator marks what it translated and records the calls.
type fakeTranslator struct {
	mu    sync.Mutex
	calls []string
	err   error
}

func (f *fakeTranslator) Translate(_ context.Context, from, to los.Standard, text string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, string(from)+">"+string(to))
	if f.err != nil {
		return "", f.err
	}
	return "«" + string(to) + "» " + text, nil
}

func nbSource() los.Source {
	s := srcAddress
	s.Lang = los.Bokmal
	return s
}

func nynorskTurn(t *testing.T, h *harness, text string) los.Result {
	t.Helper()
	res, err := h.bot.Turn(context.Background(), los.TurnRequest{Text: text, Lang: los.Nynorsk})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestExtractiveQuoteTranslated: a Nynorsk customer whose best article is
// Bokmål gets the passage translated, a line that says so, and the
// original cited.
func TestExtractiveQuoteTranslated(t *testing.T) {
	tr := &fakeTranslator{}
	h := newHarness(t, nil, fixedSources(nbSource()), FakeTriager{Category: los.CategoryNone}, withTranslator(tr))
	res := nynorskTurn(t, h, "Korleis endrar eg fakturaadressa?")
	if !strings.Contains(res.Answer, "«nn» Du endrer fakturaadressen") || !strings.Contains(res.Answer, "Omsett maskinelt frå bokmål.") {
		t.Errorf("answer:\n%s", res.Answer)
	}
	if len(res.Citations) == 0 || res.Citations[0] != srcAddress.Slug {
		t.Errorf("citations %v", res.Citations)
	}
	if strings.Join(tr.calls, ",") != "nb>nn" {
		t.Errorf("calls %v", tr.calls)
	}

	// Same standard: no call, no line.
	tr.calls = nil
	res, err := h.bot.Turn(context.Background(), los.TurnRequest{Text: "Hvordan endrer jeg fakturaadressen?", Lang: los.Bokmal})
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.calls) != 0 || strings.Contains(res.Answer, "Maskinoversatt") {
		t.Errorf("Bokmål to Bokmål: calls %v, answer %s", tr.calls, res.Answer)
	}
}

// TestTranslationFailureKeepsOriginal: without Apertium the original
// passage is quoted, with no claim of a translation.
func TestTranslationFailureKeepsOriginal(t *testing.T) {
	h := newHarness(t, nil, fixedSources(nbSource()), FakeTriager{Category: los.CategoryNone}, withTranslator(&fakeTranslator{err: apertium.ErrUnavailable}))
	res := nynorskTurn(t, h, "Korleis endrar eg fakturaadressa?")
	if !strings.Contains(res.Answer, srcAddress.Text) || strings.Contains(res.Answer, "Omsett") {
		t.Errorf("answer:\n%s", res.Answer)
	}
}

// TestGeneratedAnswerInWrongStandard: a Nynorsk customer's generated
// answer that came out in Bokmål is translated; one in Nynorsk is not.
func TestGeneratedAnswerInWrongStandard(t *testing.T) {
	for _, c := range []struct {
		name, answer string
		translated   bool
	}{
		{"bokmål answer", "Du endrer fakturaadressen på Min side. Jeg kan ikke gjøre det for deg [1].", true},
		{"nynorsk answer", "Du endrar fakturaadressa på Min side. Eg kan ikkje gjere det for deg [1].", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr := &fakeTranslator{}
			h := newHarness(t, streamOf(c.answer), fixedSources(nbSource()), FakeTriager{Category: los.CategoryNone}, withTranslator(tr))
			res := nynorskTurn(t, h, "Korleis endrar eg fakturaadressa?")
			if res.Mode != los.ModeGenerated {
				t.Fatalf("mode %s", res.Mode)
			}
			if got := strings.HasPrefix(res.Answer, "«nn»"); got != c.translated {
				t.Errorf("translated %v, want %v: %s (calls %v)", got, c.translated, res.Answer, tr.calls)
			}
		})
	}
}

// TestQuoteTranslatedByApertium runs the real pipeline: the Nynorsk
// customer reads Nynorsk.
func TestQuoteTranslatedByApertium(t *testing.T) {
	tr := apertium.New(apertium.Options{})
	if err := tr.Available(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	defer tr.Close()
	h := newHarness(t, nil, fixedSources(nbSource()), FakeTriager{Category: los.CategoryNone}, withTranslator(tr))
	res := nynorskTurn(t, h, "Korleis endrar eg fakturaadressa?")
	if !strings.Contains(res.Answer, "fakturaadressa") || lang.Detect(res.Answer) != los.Nynorsk {
		t.Errorf("answer:\n%s", res.Answer)
	}
}

func withTranslator(tr bot.Translator) func(*bot.Config) {
	return func(c *bot.Config) { c.Translator = tr }
}
