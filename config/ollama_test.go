package config

import (
	"flag"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestOllamaPoolSettings(t *testing.T) {
	d := Default()
	if hosts := d.OllamaHosts(); !slices.Equal(hosts, []string{"http://127.0.0.1:11434"}) {
		t.Errorf("default hosts %v", hosts)
	}
	if d.OllamaConcurrency != 4 || d.OllamaQueue != 16 || d.OllamaQueueWait != 2*time.Second || d.OllamaCheck != 5*time.Second || d.TokenTimeout != 5*time.Second {
		t.Errorf("defaults: concurrency %d, queue %d, wait %v, check %v, token timeout %v",
			d.OllamaConcurrency, d.OllamaQueue, d.OllamaQueueWait, d.OllamaCheck, d.TokenTimeout)
	}
	c, err := FromEnv(env(map[string]string{
		"OLLAMA_HOST":            " http://gpu-a:11434 ,http://gpu-b:11434, ",
		"LOS_OLLAMA_CONCURRENCY": "2", "LOS_OLLAMA_QUEUE": "0", "LOS_OLLAMA_QUEUE_WAIT": "500ms",
		"LOS_OLLAMA_CHECK_INTERVAL": "30s", "LOS_TOKEN_TIMEOUT": "3s",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if hosts := c.OllamaHosts(); !slices.Equal(hosts, []string{"http://gpu-a:11434", "http://gpu-b:11434"}) {
		t.Errorf("hosts %v", hosts)
	}
	if c.OllamaConcurrency != 2 || c.OllamaQueue != 0 || c.OllamaQueueWait != 500*time.Millisecond || c.OllamaCheck != 30*time.Second || c.TokenTimeout != 3*time.Second {
		t.Errorf("from env: %+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("valid config refused: %v", err)
	}
	c.FirstToken = 200 * time.Millisecond // shorter than the queue wait: allowed, as before
	if err := c.Validate(); err != nil {
		t.Errorf("a first-token timeout shorter than the queue wait refused: %v", err)
	}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	c.Register(fs)
	if err := fs.Parse([]string{"--ollama", "http://c:11434", "--ollama-concurrency", "8", "--token-timeout", "2s"}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.OllamaHosts(), []string{"http://c:11434"}) || c.OllamaConcurrency != 8 || c.TokenTimeout != 2*time.Second {
		t.Errorf("flags: hosts %v, concurrency %d, token timeout %v", c.OllamaHosts(), c.OllamaConcurrency, c.TokenTimeout)
	}
	if _, err := FromEnv(env(map[string]string{"LOS_OLLAMA_CONCURRENCY": "many"})); err == nil ||
		!strings.Contains(err.Error(), `LOS_OLLAMA_CONCURRENCY="many" is not a whole number`) {
		t.Errorf("bad number: %v", err)
	}
}

func TestValidateOllama(t *testing.T) {
	tests := []struct {
		name string
		mod  func(*Config)
		want string
	}{
		{"one bad URL, as before", func(c *Config) { c.OllamaHost = "localhost:11434" },
			`OLLAMA_HOST "localhost:11434" is not a URL; use for example http://127.0.0.1:11434`},
		{"a bad URL in a list is named", func(c *Config) { c.OllamaHost = "http://a:11434, gpu-b:11434, http://c:11434" },
			`OLLAMA_HOST: host 2 of 3, "gpu-b:11434", is not a URL`},
		{"no host", func(c *Config) { c.OllamaHost = " , " }, "OLLAMA_HOST is empty"},
		{"a host twice", func(c *Config) { c.OllamaHost = "http://a:11434,http://a:11434/" }, `OLLAMA_HOST lists "http://a:11434/" twice`},
		{"concurrency", func(c *Config) { c.OllamaConcurrency = 0 }, "LOS_OLLAMA_CONCURRENCY (--ollama-concurrency) is 0"},
		{"queue", func(c *Config) { c.OllamaQueue = -1 }, "use 0 (no chat waits) or more"},
		{"queue wait", func(c *Config) { c.OllamaQueueWait = 0 }, "LOS_OLLAMA_QUEUE_WAIT (--ollama-queue-wait) must be a positive duration"},
		{"check interval", func(c *Config) { c.OllamaCheck = 10 * time.Millisecond }, "use at least 1s"},
		{"token timeout", func(c *Config) { c.TokenTimeout = 0 }, "timeouts must be positive"},
		{"token timeout past the generation", func(c *Config) { c.TokenTimeout = 2 * time.Minute },
			"token timeout (2m0s) is longer than the generation timeout (1m0s)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			tt.mod(&c)
			err := c.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}
