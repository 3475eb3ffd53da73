package ollama

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/los-bot/los"
	"github.com/los-bot/los/internal/ollamatest"
)

// fakeChat answers every chat with reply, or fails with err, and keeps
// the request.
type fakeChat struct {
	reply string
	err   error
	got   *los.ChatRequest
}

func (f *fakeChat) Chat(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error {
	f.got = req
	if f.err != nil {
		return f.err
	}
	for _, piece := range strings.SplitAfter(f.reply, " ") {
		if err := fn(los.ChatResponse{Content: piece}); err != nil {
			return err
		}
	}
	return fn(los.ChatResponse{Done: true})
}

func conversation(n int) []los.Message {
	var out []los.Message
	for i := range n {
		role := los.RoleCustomer
		if i%2 == 1 {
			role = los.RoleBot
		}
		out = append(out, los.Message{Role: role, Text: strings.Repeat("ord ", 200) + string(rune('a'+i))})
	}
	return out
}

func TestRewriterAnswers(t *testing.T) {
	down := errors.New("connection refused")
	for _, tt := range []struct {
		name    string
		chat    *fakeChat
		want    los.Rewrite
		wantErr error
	}{
		{"standalone question", &fakeChat{reply: `{"question": "Hva koster  bredbånd via 5G?", "new_topic": false}`},
			los.Rewrite{Question: "Hva koster bredbånd via 5G?"}, nil},
		{"new topic", &fakeChat{reply: `{"question":"Har dere TV?","new_topic":true}`},
			los.Rewrite{Question: "Har dere TV?", NewTopic: true}, nil},
		{"not JSON", &fakeChat{reply: `Hva koster det?`}, los.Rewrite{}, ErrRewrite},
		{"cut off", &fakeChat{reply: `{"question": "Hva kos`}, los.Rewrite{}, ErrRewrite},
		{"empty question", &fakeChat{reply: `{"question": "  ", "new_topic": false}`}, los.Rewrite{}, ErrRewrite},
		{"runaway question", &fakeChat{reply: `{"question": "` + strings.Repeat("a ", los.MaxQuestionRunes) + `"}`}, los.Rewrite{}, ErrRewrite},
		{"server down", &fakeChat{err: down}, los.Rewrite{}, down},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := &Rewriter{Chat: tt.chat, Model: "m"}
			got, err := r.Rewrite(context.Background(), los.RewriteRequest{History: conversation(9), Text: "og hva koster den?", Lang: los.Bokmal})
			if !errors.Is(err, tt.wantErr) || got != tt.want {
				t.Fatalf("Rewrite = %+v, %v; want %+v, %v", got, err, tt.want, tt.wantErr)
			}
			req := tt.chat.got
			if req.Model != "m" || req.Stream || !json.Valid(req.Format) || len(req.Messages) != 2 || req.Options["temperature"] != 0 {
				t.Fatalf("request %+v", req)
			}
			in := req.Messages[1].Content
			if strings.Count(in, "\n") > rewriteTurns+5 || !strings.Contains(in, "New customer message: og hva koster den?") ||
				!strings.Contains(in, "Norwegian Bokmål") || strings.Contains(in, strings.Repeat("ord ", rewriteRunes/4+1)) {
				t.Errorf("the model is shown:\n%s", in)
			}
		})
	}
}

// TestRewriterDeadline: a model that never answers is left at the
// caller's deadline with the context's error.
func TestRewriterDeadline(t *testing.T) {
	hang := los.Chatter(chatFunc(func(ctx context.Context, _ *los.ChatRequest, _ los.ChatFunc) error {
		<-ctx.Done()
		return errors.New("read: connection reset")
	}))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := (&Rewriter{Chat: hang, Model: "m"}).Rewrite(ctx, los.RewriteRequest{Text: "og den?"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the deadline", err)
	}
}

type chatFunc func(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error

func (f chatFunc) Chat(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error {
	return f(ctx, req, fn)
}

// TestRewriterOllama asks a real Ollama server with the tiny test model,
// whose words are noise: the server must take the request (the JSON
// schema as format, no streaming), and the answer is either a usable
// question or refused as ErrRewrite, never anything else; a deadline
// shorter than the model is respected.
func TestRewriterOllama(t *testing.T) {
	if testing.Short() {
		t.Skip("starts an Ollama server")
	}
	srv := ollamatest.Start(t)
	r := &Rewriter{Chat: Wrap(srv.Client), Model: srv.Model,
		Options: map[string]any{"temperature": 0, "seed": 1, "num_predict": 48}}
	req := los.RewriteRequest{History: []los.Message{
		{Role: los.RoleCustomer, Text: "har dere 5g bredbånd?"},
		{Role: los.RoleBot, Text: "Bredbånd via 5G koster 399 kr per måned."},
	}, Text: "og hvor lang tid tar levering?", Lang: los.Bokmal}

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	got, err := r.Rewrite(ctx, req)
	t.Logf("tiny model: %+v, %v", got, err)
	switch {
	case err == nil:
		if strings.TrimSpace(got.Question) == "" || !utf8.ValidString(got.Question) {
			t.Errorf("accepted an unusable question %q", got.Question)
		}
	case !errors.Is(err, ErrRewrite):
		t.Errorf("err = %v, want a question or ErrRewrite", err)
	}

	short, cancel2 := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel2()
	if _, err := r.Rewrite(short, req); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("with a deadline of 1 ms: err = %v, want the deadline", err)
	}
}
