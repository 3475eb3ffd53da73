package ollamatest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ollama/ollama/api"
)

func heartbeat(s *Server, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	return s.Client.Heartbeat(ctx)
}

func TestKillThenRestartKeepsModels(t *testing.T) {
	s := Start(t)
	chat(t, s, s.Model, "hei") // a runner child exists now
	pgid := s.proc.pgid
	s.Kill()
	if pids := groupPIDs(pgid); len(pids) != 0 {
		t.Fatalf("processes %v still run after Kill", pids)
	}
	if err := heartbeat(s, time.Second); err == nil {
		t.Fatal("the server answers after Kill")
	}
	s.Restart(t)
	if s.proc.pgid == pgid {
		t.Error("Restart reused the old process")
	}
	chunks, final := chat(t, s, s.Model, "hei")
	if len(chunks) != 16 || !final.Done {
		t.Errorf("after restart: %d chunks, done %v; want 16, true", len(chunks), final.Done)
	}
}

func TestGuardKillsGroupWhenTestBinaryGoes(t *testing.T) {
	s := Start(t)
	chat(t, s, s.Model, "hei")
	if s.proc.guard == nil {
		t.Fatal("no guard process")
	}
	pgid := s.proc.pgid
	s.proc.guard.Close() // what the kernel does when the test binary dies
	if !waitGone(pgid, 10*time.Second) {
		t.Fatalf("processes %v still run after the guard's pipe closed", groupPIDs(pgid))
	}
}

func TestPauseMakesServerHang(t *testing.T) {
	s := Start(t)
	s.Pause(t)
	if err := heartbeat(s, 200*time.Millisecond); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("heartbeat of a paused server: %v, want a deadline error", err)
	}
	s.Resume()
	if err := heartbeat(s, 5*time.Second); err != nil {
		t.Fatalf("heartbeat after Resume: %v", err)
	}
}

func TestPauseRunnerDelaysFirstToken(t *testing.T) {
	s := Start(t)
	chat(t, s, s.Model, "hei")
	s.PauseRunner(t)
	if err := heartbeat(s, 5*time.Second); err != nil {
		t.Fatalf("the API should still answer: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	var chunks int
	err := s.Client.Chat(ctx, &api.ChatRequest{
		Model:    s.Model,
		Messages: []api.Message{{Role: "user", Content: "hei"}},
		Options:  chatOptions(),
	}, func(api.ChatResponse) error { chunks++; return nil })
	if chunks != 0 {
		t.Errorf("got %d chunks from a paused runner", chunks)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("chat with a paused runner: %v, want a deadline error", err)
	}
}

func TestKillRunnerServerRecovers(t *testing.T) {
	s := Start(t)
	chat(t, s, s.Model, "hei")
	old := s.RunnerPIDs()
	s.KillRunner(t)
	// The first request after the crash may fail; the server then reloads.
	var final api.ChatResponse
	for attempt := range 2 {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		err := s.Client.Chat(ctx, &api.ChatRequest{
			Model:    s.Model,
			Messages: []api.Message{{Role: "user", Content: "hei"}},
			Options:  chatOptions(),
		}, func(r api.ChatResponse) error { final = r; return nil })
		cancel()
		t.Logf("attempt %d after the runner crash: err %v, done %v", attempt, err, final.Done)
		if err == nil && final.Done {
			break
		}
	}
	if !final.Done {
		t.Fatal("the server did not recover from a runner crash")
	}
	if now := s.RunnerPIDs(); len(now) == 0 || now[0] == old[0] {
		t.Errorf("runners %v after the crash of %v, want a new one", now, old)
	}
}
