package bot_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/locales"
	"github.com/los-bot/los/prompts"
)

var (
	srcAddress = los.Source{Slug: "endre-fakturaadresse", Title: "Endre fakturaadresse", Heading: "Endre fakturaadresse",
		Text: "Du endrer fakturaadressen på Min side under Profil og adresser.", Relevant: true}
	srcEfaktura = los.Source{Slug: "efaktura", Title: "E-faktura", Heading: "Bestill",
		Text: "Du bestiller e-faktura i nettbanken.", Relevant: true}
	srcWeak = los.Source{Slug: "flytting", Title: "Flytting", Text: "Meld flytting på Min side.", Relevant: false}
)

type harness struct {
	bot      *bot.Bot
	store    *MemStore
	handoffs *handoffRecorder
	logs     *bytes.Buffer
}

func newHarness(t testing.TB, gen los.Chatter, ret los.Retriever, tri los.Triager, tune ...func(*bot.Config)) *harness {
	t.Helper()
	h := &harness{store: NewMemStore(), logs: &bytes.Buffer{}}
	h.handoffs = &handoffRecorder{store: h.store}
	cfg := bot.Config{
		Retriever: ret, Store: h.store, Triager: tri, Handoffs: h.handoffs,
		Prompter: prompts.MustLoad(), Texts: locales.MustLoad(),
		Log:       slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		ChatModel: "tiny", FirstToken: 200 * time.Millisecond, TokenTimeout: 200 * time.Millisecond, Generation: 2 * time.Second,
	}
	if gen != nil {
		cfg.Generator = gen
	}
	for _, f := range tune {
		f(&cfg)
	}
	h.bot = bot.New(cfg)
	return h
}

func (h *harness) conversation(t *testing.T) string {
	t.Helper()
	id := "c" + strings.ReplaceAll(t.Name(), "/", "_")
	if err := h.store.CreateConversation(context.Background(), &los.Conversation{ID: id}); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestTurnGenerated(t *testing.T) {
	h := newHarness(t, streamOf("Du endrer ", "adressen på Min side [1]", " og kan bestille e-faktura [2]. Se [7]."),
		fixedSources(srcAddress, srcEfaktura), nil)
	id := h.conversation(t)
	var tokens []string
	res, err := h.bot.Turn(context.Background(), los.TurnRequest{ConversationID: id, Text: "Hvordan endrer jeg fakturaadressen min?",
		OnToken: func(s string) { tokens = append(tokens, s) }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Mode != los.ModeGenerated || res.Action != los.ActionAnswer || res.Category != los.CategoryNone {
		t.Errorf("mode, action, category = %s, %s, %s; want generated, answer, none", res.Mode, res.Action, res.Category)
	}
	if got := strings.Join(res.Citations, ","); got != "endre-fakturaadresse,efaktura" {
		t.Errorf("citations = %s, want endre-fakturaadresse,efaktura (the nonexistent [7] dropped)", got)
	}
	if strings.Contains(res.Answer, "[7]") {
		t.Errorf("answer keeps a citation of a source that does not exist: %q", res.Answer)
	}
	if len(tokens) != 3 {
		t.Errorf("got %d tokens streamed, want 3", len(tokens))
	}
	msgs, _ := h.store.Messages(context.Background(), id)
	if len(msgs) != 2 || msgs[0].Role != los.RoleCustomer || msgs[1].Role != los.RoleBot || msgs[1].Text != res.Answer {
		t.Fatalf("stored messages = %+v, want customer then the bot's answer", msgs)
	}
	if res.Lang != los.Bokmal {
		t.Errorf("lang = %s, want nb", res.Lang)
	}
}

func TestTurnFallbacks(t *testing.T) {
	missing := &FakeGenerator{ChatFn: func(context.Context, *los.ChatRequest, los.ChatFunc) error {
		return &los.Error{Code: los.ENOTFOUND, Message: `model "tiny" not found, try pulling it first`}
	}}
	refused := &FakeGenerator{ChatFn: func(context.Context, *los.ChatRequest, los.ChatFunc) error {
		return errors.New("dial tcp 127.0.0.1:11434: connect: connection refused")
	}}
	noDone := &FakeGenerator{ChatFn: func(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error {
		fn(los.ChatResponse{Content: "Halvt svar"})
		return nil // the server died: the stream just stops
	}}
	slow := &FakeGenerator{ChatFn: func(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error {
		<-ctx.Done() // never sends a token; must be cancelled by the deadline
		return ctx.Err()
	}}
	stalled := &FakeGenerator{ChatFn: func(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error {
		fn(los.ChatResponse{Content: "Halvt"})
		<-ctx.Done() // no more tokens; must be cancelled by the inter-token deadline
		return nil
	}}
	busy := &FakeGenerator{ChatFn: func(context.Context, *los.ChatRequest, los.ChatFunc) error {
		return &los.Error{Code: los.EUNAVAILABLE, Message: "every Ollama host is busy: none was free within 2s"}
	}}
	empty := streamOf("  ")
	tests := []struct {
		name    string
		gen     los.Chatter
		wantLog string
	}{
		{name: "no generator", gen: nil},
		{name: "model missing", gen: missing, wantLog: "ollama pull tiny"},
		{name: "ollama down", gen: refused, wantLog: "connection refused"},
		{name: "stream without done", gen: noDone, wantLog: "broke off"},
		{name: "first token too late", gen: slow, wantLog: "too slow"},
		{name: "stream stalls after a token", gen: stalled, wantLog: "stream stalled"},
		{name: "every model host busy", gen: busy, wantLog: "model busy"},
		{name: "empty answer", gen: empty, wantLog: "empty answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.gen, fixedSources(srcAddress, srcEfaktura), nil)
			id := h.conversation(t)
			res, err := h.bot.Turn(context.Background(), los.TurnRequest{ConversationID: id, Text: "Hvordan endrer jeg fakturaadressen?"})
			if err != nil {
				t.Fatal(err)
			}
			if res.Mode != los.ModeExtractive {
				t.Errorf("mode = %s, want extractive", res.Mode)
			}
			if !strings.Contains(res.Answer, srcAddress.Text) {
				t.Errorf("answer %q does not quote the best passage", res.Answer)
			}
			if len(res.Citations) == 0 || res.Citations[0] != srcAddress.Slug {
				t.Errorf("citations = %v, want the best passage first", res.Citations)
			}
			if tt.wantLog != "" && !strings.Contains(h.logs.String(), tt.wantLog) {
				t.Errorf("log lacks %q:\n%s", tt.wantLog, h.logs.String())
			}
			msgs, _ := h.store.Messages(context.Background(), id)
			if len(msgs) != 2 || msgs[1].Text != res.Answer || msgs[1].Mode != los.ModeExtractive {
				t.Errorf("want one complete extractive reply stored, got %+v", msgs)
			}
		})
	}
}

func TestModelMissingLoggedOnce(t *testing.T) {
	gen := &FakeGenerator{ChatFn: func(context.Context, *los.ChatRequest, los.ChatFunc) error {
		return &los.Error{Code: los.ENOTFOUND, Message: "not found"}
	}}
	h := newHarness(t, gen, fixedSources(srcAddress), nil)
	for range 3 {
		if _, err := h.bot.Turn(context.Background(), los.TurnRequest{Text: "fakturaadresse"}); err != nil {
			t.Fatal(err)
		}
	}
	if n := strings.Count(h.logs.String(), "chat model missing"); n != 1 {
		t.Errorf("logged the missing model %d times, want once", n)
	}
}

func TestTurnNothingRelevant(t *testing.T) {
	tests := []struct {
		name string
		ret  los.Retriever
		text string
		want string
	}{
		{name: "weak hits only", ret: fixedSources(srcWeak), text: "Hva er hovedstaden i Frankrike?", want: "finner jeg ikke"},
		{name: "no hits nynorsk", ret: fixedSources(), text: "Kva er klokka i Kina no, eg lurer berre?", want: "finn eg ikkje"},
		{name: "retriever error", ret: &FakeRetriever{RetrieveFn: func(context.Context, string, int) ([]los.Source, error) {
			return nil, errors.New("index closed")
		}}, text: "Hvordan endrer jeg adressen?", want: "finner jeg ikke"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			called := false
			gen := &FakeGenerator{ChatFn: func(context.Context, *los.ChatRequest, los.ChatFunc) error {
				called = true
				return nil
			}}
			h := newHarness(t, gen, tt.ret, nil)
			res, err := h.bot.Turn(context.Background(), los.TurnRequest{Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			if res.Action != los.ActionOfferHandoff || !strings.Contains(res.Answer, tt.want) || len(res.Citations) != 0 {
				t.Errorf("got action %s, answer %q, citations %v; want offer_handoff, an honest %q, none", res.Action, res.Answer, res.Citations, tt.want)
			}
			if called {
				t.Error("the model was asked although nothing relevant was found")
			}
		})
	}
}

func TestTurnBadInput(t *testing.T) {
	h := newHarness(t, nil, fixedSources(srcAddress), nil)
	tests := []struct {
		name string
		text string
		code los.Code
	}{
		{name: "empty", text: "   ", code: los.EINVALID},
		{name: "too long", text: strings.Repeat("æ", los.MaxQuestionRunes+1), code: los.ETOOLARGE},
		{name: "invalid utf-8", text: "hei \xff\xfe", code: los.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := h.bot.Turn(context.Background(), los.TurnRequest{Text: tt.text})
			if los.ErrorCode(err) != tt.code {
				t.Errorf("err = %v, want code %s", err, tt.code)
			}
		})
	}
	if _, err := h.bot.Turn(context.Background(), los.TurnRequest{Text: strings.Repeat("æ", los.MaxQuestionRunes)}); err != nil {
		t.Errorf("a message of exactly %d characters was refused: %v", los.MaxQuestionRunes, err)
	}
}

func TestTurnHandoff(t *testing.T) {
	tests := []struct {
		name       string
		category   los.Category
		evidence   los.Evidence
		wantAction los.Action
		wantText   []string
		absent     []string
	}{
		{name: "self harm shows crisis numbers", category: los.CategorySelfHarm, wantAction: los.ActionHandoffNow, wantText: []string{"116 123", "22 40 00 40"}},
		{name: "violence shows emergency numbers", category: los.CategoryViolence, wantAction: los.ActionHandoffNow, wantText: []string{"112", "113"}},
		{name: "bereavement", category: los.CategoryBereavement, wantAction: los.ActionHandoffNow, wantText: []string{"lei for det"}},
		{name: "distress offers", category: los.CategoryDistress, wantAction: los.ActionOfferHandoff, wantText: []string{"snakke med et menneske"}},
		{name: "clear self harm hands over", category: los.CategorySelfHarm, evidence: los.EvidenceClear, wantAction: los.ActionHandoffNow, wantText: []string{"116 123", "Er livet i fare, ring 113"}},
		// Graded response: on weak evidence the question is answered, with
		// one warm line saying where to get help and an offer of a human.
		{name: "weak self harm checks in", category: los.CategorySelfHarm, evidence: los.EvidenceWeak, wantAction: los.ActionOfferHandoff,
			wantText: []string{"Svar", "Mental Helse hjelpetelefonen (116 123)", "snakke med et menneske"}, absent: []string{"Er livet i fare"}},
		{name: "weak violence checks in", category: los.CategoryViolence, evidence: los.EvidenceWeak, wantAction: los.ActionOfferHandoff,
			wantText: []string{"Svar", "politiet på 112", "snakke med et menneske"}},
		{name: "weak payment trouble checks in", category: los.CategoryFinancialHardship, evidence: los.EvidenceWeak, wantAction: los.ActionOfferHandoff,
			wantText: []string{"Svar", "55 55 33 39", "snakke med et menneske"}},
		{name: "weak human request offers", category: los.CategoryHumanRequest, evidence: los.EvidenceWeak, wantAction: los.ActionOfferHandoff,
			wantText: []string{"Svar", "snakke med et menneske"}, absent: []string{"116", "112"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			called := false
			gen := &FakeGenerator{ChatFn: func(ctx context.Context, r *los.ChatRequest, fn los.ChatFunc) error {
				called = true
				return streamOf("Svar [1].").ChatFn(ctx, r, fn)
			}}
			h := newHarness(t, gen, fixedSources(srcAddress), FakeTriager{Category: tt.category, Evidence: tt.evidence})
			id := h.conversation(t)
			res, err := h.bot.Turn(context.Background(), los.TurnRequest{ConversationID: id, Text: "melding"})
			if err != nil {
				t.Fatal(err)
			}
			if res.Action != tt.wantAction || res.Category != tt.category || res.Severity != tt.category.Severity() {
				t.Errorf("got %s/%s/%s", res.Action, res.Category, res.Severity)
			}
			checkText(t, res.Answer, tt.wantText, tt.absent)
			handedOver := len(h.handoffs.got) == 1
			if handedOver != (tt.wantAction == los.ActionHandoffNow) {
				t.Errorf("handoff requested = %v, want %v", handedOver, tt.wantAction == los.ActionHandoffNow)
			}
			if tt.wantAction == los.ActionHandoffNow && called {
				t.Error("the model was asked to answer a message that is handed over at once")
			}
		})
	}
}

func TestConversationSignals(t *testing.T) {
	ctx := context.Background()
	t.Run("same question three times", func(t *testing.T) {
		h := newHarness(t, nil, fixedSources(srcAddress), nil)
		id := h.conversation(t)
		var res los.Result
		for i, q := range []string{"Hvordan endrer jeg adressen?", "hvordan endrer jeg adressen", "Hvordan  endrer jeg adressen???"} {
			var err error
			if res, err = h.bot.Turn(ctx, los.TurnRequest{ConversationID: id, Text: q}); err != nil {
				t.Fatal(err)
			}
			if i < 2 && res.Action != los.ActionAnswer {
				t.Fatalf("turn %d: action %s, want answer", i+1, res.Action)
			}
		}
		if res.Action != los.ActionOfferHandoff || !strings.Contains(strings.Join(res.Signals, ","), "repeated_question") {
			t.Errorf("third time: action %s, signals %v; want offer_handoff with repeated_question", res.Action, res.Signals)
		}
	})
	t.Run("two unhelpful ratings", func(t *testing.T) {
		h := newHarness(t, nil, fixedSources(srcAddress), nil)
		id := h.conversation(t)
		for _, q := range []string{"fakturaadresse", "adresse på faktura"} {
			res, err := h.bot.Turn(ctx, los.TurnRequest{ConversationID: id, Text: q})
			if err != nil {
				t.Fatal(err)
			}
			h.store.rate(id, res.MessageID, -1)
		}
		res, err := h.bot.Turn(ctx, los.TurnRequest{ConversationID: id, Text: "endre adressen"})
		if err != nil {
			t.Fatal(err)
		}
		if res.Action != los.ActionOfferHandoff || !strings.Contains(strings.Join(res.Signals, ","), "unhelpful_ratings") {
			t.Errorf("action %s, signals %v; want offer_handoff with unhelpful_ratings", res.Action, res.Signals)
		}
	})
	t.Run("bot silent while an agent holds", func(t *testing.T) {
		h := newHarness(t, nil, fixedSources(srcAddress), nil)
		id := h.conversation(t)
		h.store.setStatus(id, los.StatusAgent)
		res, err := h.bot.Turn(ctx, los.TurnRequest{ConversationID: id, Text: "Hallo?"})
		if err != nil {
			t.Fatal(err)
		}
		msgs, _ := h.store.Messages(ctx, id)
		if !res.Held || res.Answer != "" || len(msgs) != 1 || msgs[0].Role != los.RoleCustomer {
			t.Errorf("held=%v answer=%q messages=%d; want the customer's message stored and no reply", res.Held, res.Answer, len(msgs))
		}
	})
}

func TestHandoffSummaryByModel(t *testing.T) {
	tests := []struct {
		name string
		gen  los.Chatter
		want string // "" means no model summary is stored
	}{
		{name: "model writes it", gen: streamOf("Kunden har mistet mannen sin ", "og trenger hjelp med strømavtalen."), want: "Kunden har mistet mannen sin og trenger hjelp med strømavtalen."},
		{name: "model down", gen: &FakeGenerator{ChatFn: func(context.Context, *los.ChatRequest, los.ChatFunc) error {
			return errors.New("connection refused")
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &summaryRecorder{}
			h := newHarness(t, tt.gen, fixedSources(srcAddress), FakeTriager{Category: los.CategoryBereavement},
				func(c *bot.Config) { c.Summaries = rec })
			id := h.conversation(t)
			res, err := h.bot.Turn(context.Background(), los.TurnRequest{ConversationID: id, Text: "Mannen min døde i forrige uke"})
			if err != nil {
				t.Fatal(err)
			}
			if res.Action != los.ActionHandoffNow || len(h.handoffs.got) != 1 {
				t.Fatalf("action %s, %d handoffs; want handoff_now queued at once", res.Action, len(h.handoffs.got))
			}
			h.bot.Wait()
			got := rec.got[id]
			if tt.want == "" {
				if got != "" {
					t.Errorf("summary stored although the model failed: %q", got)
				}
				return
			}
			if got != tt.want {
				t.Errorf("summary = %q, want the model's words only: %q", got, tt.want)
			}
		})
	}
}
