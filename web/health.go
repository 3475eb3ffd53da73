package web

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// readyz reports the store, the index, Ollama (and lists its hosts) and
// Apertium. Ollama down makes Los degraded (it still answers from the
// knowledge base), not unready; Apertium missing only leaves quoted
// articles untranslated.
func (s *Server) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	out := map[string]any{"status": "ok", "store": "ok", "index": "ok", "ollama": "ok"}
	status := http.StatusOK
	if err := s.cfg.Store.Ping(ctx); err != nil {
		out["store"], out["status"], status = "error: "+err.Error(), "unready", http.StatusServiceUnavailable
	}
	if _, err := s.cfg.Index.Len(); err != nil {
		out["index"], out["status"], status = "error: "+err.Error(), "unready", http.StatusServiceUnavailable
	}
	if s.cfg.Ollama != nil {
		state, ok := s.cfg.Ollama(ctx)
		out["ollama"] = state
		if !ok && status == http.StatusOK {
			out["status"] = state
		}
	}
	if s.cfg.Translation != nil {
		out["apertium"], _ = s.cfg.Translation(ctx)
	}
	if s.cfg.OllamaHosts != nil {
		out["ollama_hosts"] = s.cfg.OllamaHosts()
	}
	return c.JSON(status, out)
}
