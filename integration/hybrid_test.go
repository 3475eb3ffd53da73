package integration

import (
	"testing"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
)

// demoPart is a few articles of the demo knowledge base: enough for a turn,
// at a fraction of the embedding work of the whole demo.
func demoPart(t testing.TB) []kb.Article {
	t.Helper()
	all, err := kb.Demo()
	if err != nil {
		t.Fatal(err)
	}
	keep := map[string]bool{"endre-fakturaadresse": true, "endre-rekningsadresse": true, "efaktura": true,
		"melde-flytting": true, "nettleie-forklart": true, "apningstider-og-kontakt": true}
	var out []kb.Article
	for _, a := range all {
		if keep[a.Slug] {
			out = append(out, a)
		}
	}
	if len(out) != len(keep) {
		t.Fatalf("the demo has %d of the %d articles the test uses", len(out), len(keep))
	}
	return out
}

// TestHybridTurnWhenOllamaGoes: with hybrid search, every question is
// embedded by Ollama before the chat model answers. When Ollama goes away,
// customers must still get extractive answers from the keyword search,
// as without an embedding model.
func TestHybridTurnWhenOllamaGoes(t *testing.T) {
	srv, model := startOllama(t)
	s := buildStack(t, srv, model, stackOptions{embedder: embedder{srv.Client, model}, articles: demoPart(t)})

	res, _ := s.turn(t, s.conversation(t, "hybrid-up"), nil)
	if res.Mode != los.ModeGenerated || len(res.Sources) == 0 {
		t.Fatalf("with Ollama up: mode %s, %d sources; want a generated answer from sources", res.Mode, len(res.Sources))
	}

	srv.Kill()
	res, _ = s.turn(t, s.conversation(t, "hybrid-down"), nil)
	if res.Mode != los.ModeExtractive || len(res.Citations) == 0 || res.Citations[0] != "endre-fakturaadresse" {
		t.Errorf("with Ollama down: mode %s, action %s, citations %v; want an extractive answer citing endre-fakturaadresse\nlog:\n%s",
			res.Mode, res.Action, res.Citations, s.logs)
	}
}
