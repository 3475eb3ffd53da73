package bot_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/los-bot/los"
)

// TestEveryAnswerStreams: whoever writes the answer (the model, the
// knowledge base, a handoff, no answer), OnToken receives its whole
// text, in several pieces when it is long; after a generation that
// broke off, the tokens are not continued with another answer.
func TestEveryAnswerStreams(t *testing.T) {
	brokeOff := &FakeGenerator{ChatFn: func(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error {
		fn(los.ChatResponse{Content: "Halvt svar"})
		return nil
	}}
	tests := []struct {
		name      string
		gen       los.Chatter
		ret       los.Retriever
		tri       los.Triager
		whole     bool // the tokens spell the answer
		minPieces int
	}{
		{"extractive", nil, fixedSources(srcAddress), nil, true, 2},
		{"generated", streamOf("Du endrer ", "adressen på Min side [1]."), fixedSources(srcAddress), nil, true, 2},
		{"generated with an offer added", streamOf("Du endrer adressen [1]."), fixedSources(srcAddress), FakeTriager{Category: los.CategoryDistress}, true, 2},
		{"no answer", nil, fixedSources(srcWeak), nil, true, 2},
		{"handoff", nil, fixedSources(srcAddress), FakeTriager{Category: los.CategoryHumanRequest}, true, 2},
		{"generation broke off", brokeOff, fixedSources(srcAddress), nil, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.gen, tt.ret, tt.tri)
			var mu sync.Mutex
			var pieces []string
			res, err := h.bot.Turn(context.Background(), los.TurnRequest{Text: "Hvordan endrer jeg fakturaadressen?", OnToken: func(s string) {
				mu.Lock()
				pieces = append(pieces, s)
				mu.Unlock()
			}})
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join(pieces, "")
			if tt.whole && got != res.Answer {
				t.Errorf("tokens spell %q, answer is %q", got, res.Answer)
			}
			if !tt.whole && got != "Halvt svar" {
				t.Errorf("after a broken generation the tokens are %q", got)
			}
			if len(pieces) < tt.minPieces {
				t.Errorf("%d pieces, want at least %d", len(pieces), tt.minPieces)
			}
		})
	}
}
