package bot_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/locales"
	"github.com/los-bot/los/triage"
)

func TestRecognizeSmallTalk(t *testing.T) {
	tests := []struct {
		text string
		want bot.SmallTalk
	}{
		// Bokmål
		{"hei", bot.SmallTalkGreeting},
		{"Hei!", bot.SmallTalkGreeting},
		{"hei hei 👋", bot.SmallTalkGreeting},
		{"God morgen", bot.SmallTalkGreeting},
		{"Hallo Los", bot.SmallTalkGreeting},
		{"takk", bot.SmallTalkThanks},
		{"Takk for hjelpen!", bot.SmallTalkThanks},
		{"tusen takk :)", bot.SmallTalkThanks},
		{"takk skal du ha", bot.SmallTalkThanks},
		{"ha det", bot.SmallTalkGoodbye},
		{"Ha det bra!", bot.SmallTalkGoodbye},
		{"takk for hjelpen, ha det bra", bot.SmallTalkThanksGoodbye},
		{"det var alt, takk", bot.SmallTalkThanksGoodbye},
		{"nei takk, det var alt", bot.SmallTalkThanksGoodbye},
		{"det var alt for i dag, takk", bot.SmallTalkThanksGoodbye},
		{"God helg!", bot.SmallTalkGoodbye},
		{"ha en fin dag videre", bot.SmallTalkGoodbye},
		{"Takk for god hjelp i går forresten", bot.SmallTalkThanks},
		{"supert, takk", bot.SmallTalkThanks},
		{"Have a nice weekend!", bot.SmallTalkGoodbye},
		{"nei", bot.SmallTalkNone},
		{"ja takk, hva koster fiber 500?", bot.SmallTalkNone},
		{"god helg, når kommer montøren på mandag?", bot.SmallTalkNone},
		{"er du en robot?", bot.SmallTalkRobot},
		{"Hei, er du et menneske?", bot.SmallTalkRobot},
		{"snakker jeg med en robot??", bot.SmallTalkRobot},
		{"hvordan går det?", bot.SmallTalkHowAreYou},
		// Nynorsk
		{"God morgon", bot.SmallTalkGreeting},
		{"takk for hjelpa", bot.SmallTalkThanks},
		{"er du ein robot?", bot.SmallTalkRobot},
		{"snakkar eg med eit menneske?", bot.SmallTalkRobot},
		{"korleis har du det", bot.SmallTalkHowAreYou},
		{"ha ein fin dag", bot.SmallTalkGoodbye},
		// English
		{"Hello there", bot.SmallTalkGreeting},
		{"thank you so much!", bot.SmallTalkThanks},
		{"thanks, bye", bot.SmallTalkThanksGoodbye},
		{"Are you a bot?", bot.SmallTalkRobot},
		{"how are you doing?", bot.SmallTalkHowAreYou},
		{"That's all, thanks", bot.SmallTalkThanksGoodbye},

		// Anything more is a question, not small talk.
		{"", bot.SmallTalkNone},
		{"og", bot.SmallTalkNone},
		{"hei, hvordan endrer jeg fakturaadressen?", bot.SmallTalkNone},
		{"Hei! Jeg har ikke fått fakturaen", bot.SmallTalkNone},
		{"takk, men hvordan bestiller jeg e-faktura?", bot.SmallTalkNone},
		{"takk for svaret, men strømmen er fortsatt borte", bot.SmallTalkNone},
		{"ha det bra med strømmen?", bot.SmallTalkNone},
		{"er du en robot eller kan jeg snakke med et menneske", bot.SmallTalkNone},
		{"jeg vil snakke med et menneske", bot.SmallTalkNone},
		{"hei jeg heter Kari", bot.SmallTalkNone},
		{"takk for ingenting", bot.SmallTalkNone},
		{"ok", bot.SmallTalkNone},
		{"ja", bot.SmallTalkNone},
		{"nei takk", bot.SmallTalkNone},
		{"hei 12345678901", bot.SmallTalkNone},
		{"how are you charging me twice?", bot.SmallTalkNone},
		{"thanks for nothing", bot.SmallTalkNone},
	}
	for _, tt := range tests {
		if got := bot.RecognizeSmallTalk(tt.text); got != tt.want {
			t.Errorf("RecognizeSmallTalk(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestTurnSmallTalk checks that small talk is answered in kind, in the
// customer's written standard, without searching and without offering a
// person.
func TestTurnSmallTalk(t *testing.T) {
	texts := locales.MustLoad()
	classifier, err := triage.NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		lang los.Standard
		key  string
	}{
		{"hei", los.Bokmal, "smalltalk.greeting"},
		{"takk for hjelpen", los.Bokmal, "smalltalk.thanks"},
		{"ha det", los.Bokmal, "smalltalk.goodbye"},
		{"er du en robot?", los.Bokmal, "smalltalk.robot"},
		{"takk for hjelpa", los.Nynorsk, "smalltalk.thanks"},
		{"er du ein robot?", los.Nynorsk, "smalltalk.robot"},
		{"thank you so much", los.English, "smalltalk.thanks"},
		{"are you a bot?", los.English, "smalltalk.robot"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			searched := false
			ret := &FakeRetriever{RetrieveFn: func(context.Context, string, int) ([]los.Source, error) {
				searched = true
				return []los.Source{srcAddress}, nil
			}}
			h := newHarness(t, streamOf("Svar [1]."), ret, classifier)
			id := h.conversation(t)
			res, err := h.bot.Turn(context.Background(), los.TurnRequest{ConversationID: id, Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			if searched {
				t.Error("small talk was searched for")
			}
			if res.Lang != tt.lang || res.Answer != texts.T(tt.lang, tt.key) {
				t.Errorf("got %s %q, want %s %q", res.Lang, res.Answer, tt.lang, texts.T(tt.lang, tt.key))
			}
			if res.Action != los.ActionAnswer || len(res.Citations) != 0 || len(h.handoffs.got) != 0 {
				t.Errorf("action %s, citations %v, handoffs %d: small talk offers nothing", res.Action, res.Citations, len(h.handoffs.got))
			}
			if !slices.ContainsFunc(res.Signals, func(s string) bool { return strings.HasPrefix(s, "smalltalk:") }) {
				t.Errorf("signals %v lack smalltalk:", res.Signals)
			}
		})
	}

	// A sensitive message is never small talk, whatever its words.
	h := newHarness(t, nil, fixedSources(srcAddress), FakeTriager{Category: los.CategoryHumanRequest})
	res, err := h.bot.Turn(context.Background(), los.TurnRequest{ConversationID: h.conversation(t), Text: "hei"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Action != los.ActionHandoffNow {
		t.Errorf("a triaged message became small talk: %s", res.Action)
	}
}
