package web_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/los-bot/los"
)

// TestReadyzListsOllamaHosts: /readyz says what the pool says about
// Ollama, degraded (200) when a host is down, and lists every host.
func TestReadyzListsOllamaHosts(t *testing.T) {
	hosts := []los.ModelHost{
		{URL: "http://gpu-a:11434", State: los.HostUp, Message: "ok: Ollama 0.6.5", InFlight: 2, Limit: 4, Requests: 10},
		{URL: "http://gpu-b:11434", State: los.HostDown, Message: "degraded: Ollama unreachable at http://gpu-b:11434", Limit: 4,
			Failures: map[string]int64{"unreachable": 3}},
	}
	e := newEnvDeps(t, nil, nil, func(d *siteDeps) {
		d.Ollama = func(context.Context) (string, bool) { return "degraded: 1 of 2 Ollama hosts up", false }
		d.OllamaHosts = func() []los.ModelHost { return hosts }
	})
	resp, body := e.do(t, "GET", "/readyz", "", "")
	var got struct {
		Status, Store, Ollama string
		Hosts                 []los.ModelHost `json:"ollama_hosts"`
	}
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("%s: %v", body, err)
	}
	if resp.StatusCode != 200 || got.Status != "degraded: 1 of 2 Ollama hosts up" || got.Store != "ok" {
		t.Errorf("readyz %d %s, want 200 and degraded", resp.StatusCode, body)
	}
	if len(got.Hosts) != 2 || got.Hosts[1].State != los.HostDown || got.Hosts[1].Failures["unreachable"] != 3 || got.Hosts[0].InFlight != 2 {
		t.Errorf("hosts %+v", got.Hosts)
	}
}
