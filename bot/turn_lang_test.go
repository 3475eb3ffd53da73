package bot_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/los-bot/los"
)

func TestTurnLanguage(t *testing.T) {
	tests := []struct {
		name, text string
		want       los.Standard
		wantIntro  string
	}{
		{name: "bokmål", text: "Hvordan endrer jeg fakturaadressen min?", want: los.Bokmal, wantIntro: "Dette fant jeg"},
		{name: "nynorsk", text: "Korleis endrar eg fakturaadressa mi? Eg finn ikkje kvar", want: los.Nynorsk, wantIntro: "Dette fann eg"},
		{name: "english", text: "How do I change my billing address?", want: los.English, wantIntro: "This is what I found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil, fixedSources(srcAddress), nil)
			res, err := h.bot.Turn(context.Background(), los.TurnRequest{Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			if res.Lang != tt.want || !strings.HasPrefix(res.Answer, tt.wantIntro) {
				t.Errorf("lang %s, answer %q; want %s starting %q", res.Lang, res.Answer, tt.want, tt.wantIntro)
			}
		})
	}
}

// summaryRecorder records model summaries.
type summaryRecorder struct {
	mu  sync.Mutex
	got map[string]string
}

func (s *summaryRecorder) SetHandoffSummary(_ context.Context, id, summary string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.got == nil {
		s.got = map[string]string{}
	}
	s.got[id] = summary
	return nil
}
