package config

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// OllamaHosts returns the Ollama servers OLLAMA_HOST lists (one URL, or
// several separated by commas), in order.
func (c Config) OllamaHosts() []string { return splitList(c.OllamaHost) }

// registerOllama adds the flags of the pool of Ollama hosts.
func (c *Config) registerOllama(fs *flag.FlagSet) {
	fs.StringVar(&c.OllamaHost, "ollama", c.OllamaHost, "Ollama server URL, or several separated by commas (OLLAMA_HOST)")
	fs.IntVar(&c.OllamaConcurrency, "ollama-concurrency", c.OllamaConcurrency, "chats each Ollama host runs at once (LOS_OLLAMA_CONCURRENCY)")
	fs.IntVar(&c.OllamaQueue, "ollama-queue", c.OllamaQueue, "chats that may wait when every Ollama host is busy; 0: none waits (LOS_OLLAMA_QUEUE)")
	fs.DurationVar(&c.OllamaQueueWait, "ollama-queue-wait", c.OllamaQueueWait, "how long a chat waits for a free Ollama host before answering extractively (LOS_OLLAMA_QUEUE_WAIT)")
	fs.DurationVar(&c.OllamaCheck, "ollama-check-interval", c.OllamaCheck, "how often Ollama hosts in service are checked (LOS_OLLAMA_CHECK_INTERVAL)")
}

// validateOllama checks the Ollama hosts and the pool's settings.
func (c Config) validateOllama() []error {
	var errs []error
	hosts := c.OllamaHosts()
	if len(hosts) == 0 {
		errs = append(errs, errors.New("OLLAMA_HOST is empty; use for example http://127.0.0.1:11434"))
	}
	seen := map[string]bool{}
	for i, h := range hosts {
		u, err := url.Parse(h)
		switch {
		case (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") && len(hosts) == 1:
			errs = append(errs, fmt.Errorf("OLLAMA_HOST %q is not a URL; use for example http://127.0.0.1:11434", h))
		case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
			errs = append(errs, fmt.Errorf("OLLAMA_HOST: host %d of %d, %q, is not a URL; write each like http://127.0.0.1:11434, separated by commas", i+1, len(hosts), h))
		case seen[u.Scheme+"://"+u.Host+strings.TrimRight(u.Path, "/")]:
			errs = append(errs, fmt.Errorf("OLLAMA_HOST lists %q twice; list each host once", h))
		default:
			seen[u.Scheme+"://"+u.Host+strings.TrimRight(u.Path, "/")] = true
		}
	}
	if c.OllamaConcurrency < 1 {
		errs = append(errs, fmt.Errorf("LOS_OLLAMA_CONCURRENCY (--ollama-concurrency) is %d; each Ollama host must run at least 1 chat at once (about its OLLAMA_NUM_PARALLEL)", c.OllamaConcurrency))
	}
	if c.OllamaQueue < 0 {
		errs = append(errs, fmt.Errorf("LOS_OLLAMA_QUEUE (--ollama-queue) is %d; use 0 (no chat waits) or more", c.OllamaQueue))
	}
	// The wait counts toward the first-token timeout: a wait as long is
	// cut short by it, and the turn falls back as too slow rather than
	// busy. Not an error: it was never one to set a short first-token
	// timeout.
	if c.OllamaQueueWait <= 0 {
		errs = append(errs, errors.New("LOS_OLLAMA_QUEUE_WAIT (--ollama-queue-wait) must be a positive duration such as 2s"))
	}
	if c.OllamaCheck < time.Second {
		errs = append(errs, fmt.Errorf("LOS_OLLAMA_CHECK_INTERVAL (--ollama-check-interval) is %s; use at least 1s", c.OllamaCheck))
	}
	if c.TokenTimeout > c.Generation {
		errs = append(errs, fmt.Errorf("token timeout (%s) is longer than the generation timeout (%s)", c.TokenTimeout, c.Generation))
	}
	return errs
}
