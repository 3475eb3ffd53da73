package ollamatest

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ollama/ollama/api"
)

func chatOptions() map[string]any {
	return map[string]any{"temperature": 0, "seed": 1, "num_predict": 16}
}

// chat runs one streaming chat and returns the chunks' text and the final chunk.
func chat(t *testing.T, s *Server, model, text string) (chunks []string, final api.ChatResponse) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := s.Client.Chat(ctx, &api.ChatRequest{
		Model:    model,
		Messages: []api.Message{{Role: "user", Content: text}},
		Options:  chatOptions(),
	}, func(r api.ChatResponse) error {
		if r.Done {
			final = r
			return nil
		}
		chunks = append(chunks, r.Message.Content)
		return nil
	})
	if err != nil {
		t.Fatalf("chat: %v", err)
	}
	return chunks, final
}

func TestChatStreamsDeterministically(t *testing.T) {
	s := Start(t)
	chunks, final := chat(t, s, s.Model, "Hei! Kva kostar straumen?")
	if len(chunks) != 16 {
		t.Errorf("got %d chunks %q, want 16", len(chunks), chunks)
	}
	if !final.Done || final.EvalCount != 16 || final.DoneReason != "length" {
		t.Errorf("final chunk: done %v, eval_count %d, done_reason %q; want true, 16, length", final.Done, final.EvalCount, final.DoneReason)
	}
	text := strings.Join(chunks, "")
	if strings.TrimSpace(text) == "" || strings.ContainsRune(text, '\uFFFD') {
		t.Errorf("text %q: want printable text", text)
	}
	again, _ := chat(t, s, s.Model, "Hei! Kva kostar straumen?")
	if got := strings.Join(again, ""); got != text {
		t.Errorf("second run: %q, want %q", got, text)
	}
	t.Logf("answer: %q", text)
}

func TestEmbedReturnsNormalisedVectors(t *testing.T) {
	s := Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	resp, err := s.Client.Embed(ctx, &api.EmbedRequest{Model: s.Model, Input: []string{"faktura", "Eg vil snakke med eit menneske"}})
	if err != nil {
		t.Fatalf("embed: %v", err)
	}
	if len(resp.Embeddings) != 2 {
		t.Fatalf("got %d vectors, want 2", len(resp.Embeddings))
	}
	for i, v := range resp.Embeddings {
		if len(v) != ModelEmbed {
			t.Errorf("vector %d has %d dimensions, want %d", i, len(v), ModelEmbed)
		}
		var sum float64
		for _, x := range v {
			sum += float64(x) * float64(x)
		}
		if math.Abs(math.Sqrt(sum)-1) > 1e-3 {
			t.Errorf("vector %d has norm %f, want 1", i, math.Sqrt(sum))
		}
	}
	var dot float64
	for i := range resp.Embeddings[0] {
		dot += float64(resp.Embeddings[0][i]) * float64(resp.Embeddings[1][i])
	}
	if dot > 0.999 {
		t.Errorf("cosine of two different texts is %f: the vectors do not tell texts apart", dot)
	}
}

func TestChatMissingModel(t *testing.T) {
	s := Start(t)
	err := s.Client.Chat(context.Background(), &api.ChatRequest{
		Model:    "finnes-ikke",
		Messages: []api.Message{{Role: "user", Content: "hei"}},
	}, func(api.ChatResponse) error { return nil })
	var se api.StatusError
	if !errors.As(err, &se) || se.StatusCode != http.StatusNotFound {
		t.Fatalf("got %v, want api.StatusError 404", err)
	}
}

func TestStopLeavesNoProcess(t *testing.T) {
	s := Start(t)
	chat(t, s, s.Model, "hei") // load the model so that a runner child exists
	if len(s.RunnerPIDs()) == 0 {
		t.Fatal("no runner process after a chat")
	}
	pgid := s.proc.pgid
	s.Stop()
	if pids := groupPIDs(pgid); len(pids) != 0 {
		t.Errorf("processes %v of group %d still run after Stop", pids, pgid)
	}
	if err := syscall.Kill(-pgid, 0); err != nil && !errors.Is(err, syscall.ESRCH) {
		t.Errorf("kill(-%d, 0): %v, want ESRCH or a zombie", pgid, err)
	}
	if err := s.Client.Heartbeat(context.Background()); err == nil {
		t.Error("the server still answers after Stop")
	}
}
