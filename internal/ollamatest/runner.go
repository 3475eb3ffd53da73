package ollamatest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"

	"github.com/ollama/ollama/api"
)

// ModelTemplate renders a chat as "role: content" lines and lets the model
// continue after "assistant:".
const ModelTemplate = "{{ range .Messages }}{{ .Role }}: {{ .Content }}\n{{ end }}assistant:"

// CreateModel writes a tiny model with the given seed and creates it on the
// server under name, through the API alone (blob upload, then create).
// Different seeds give models that answer differently.
func (s *Server) CreateModel(ctx context.Context, name string, seed uint64) error {
	path := filepath.Join(s.dir, fmt.Sprintf("tiny-%d.gguf", seed))
	if err := WriteModel(path, seed); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	digest := "sha256:" + hex.EncodeToString(h.Sum(nil))
	if err := s.Client.CreateBlob(ctx, digest, f); err != nil {
		return fmt.Errorf("uploading the model blob: %w", err)
	}
	err = s.Client.Create(ctx, &api.CreateRequest{
		Model:      name,
		Files:      map[string]string{"tiny.gguf": digest},
		Template:   ModelTemplate,
		Parameters: map[string]any{"num_ctx": ModelContext},
	}, func(api.ProgressResponse) error { return nil })
	if err != nil {
		return fmt.Errorf("creating model %q: %w", name, err)
	}
	return nil
}

// RunnerPIDs lists the model runner processes the server has started; there
// are none until a model is loaded.
func (s *Server) RunnerPIDs() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc == nil {
		return nil
	}
	return slices.DeleteFunc(groupPIDs(s.proc.pgid), func(pid int) bool {
		return pid == s.proc.pgid || pid == s.proc.guardPID
	})
}

// KillRunner SIGKILLs the model runner while the server lives on, as when
// the runner crashes. The server reloads the model on the next request.
func (s *Server) KillRunner(t testing.TB) {
	t.Helper()
	for _, pid := range s.needRunners(t) {
		syscall.Kill(pid, syscall.SIGKILL)
	}
}

// PauseRunner freezes the model runner with SIGSTOP while the API still
// answers: requests are accepted and then wait, like a very slow first token.
// The test's cleanup resumes the runner.
func (s *Server) PauseRunner(t testing.TB) {
	t.Helper()
	pids := s.needRunners(t)
	for _, pid := range pids {
		syscall.Kill(pid, syscall.SIGSTOP)
	}
	t.Cleanup(func() {
		for _, pid := range pids {
			syscall.Kill(pid, syscall.SIGCONT)
		}
	})
	waitStopped(t, pids)
}

func (s *Server) needRunners(t testing.TB) []int {
	t.Helper()
	pids := s.RunnerPIDs()
	if len(pids) == 0 {
		t.Fatal("ollamatest: no model runner is running; send a request first")
	}
	return pids
}
