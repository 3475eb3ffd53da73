// Package config reads Los's configuration from flags and LOS_* environment
// variables (flags win), validates it once and says what to do when a value
// is wrong. The result is passed to constructors; nothing reads it globally.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/hours"
	"github.com/los-bot/los/redact"
)

// Config is Los's whole configuration.
type Config struct {
	Addr         string        // LOS_ADDR
	DataDir      string        // LOS_DATA
	OllamaHost   string        // OLLAMA_HOST: one URL, or several separated by commas (see OllamaHosts)
	ChatModel    string        // LOS_CHAT_MODEL
	EmbedModel   string        // LOS_EMBED_MODEL ("" disables vector search)
	FirstToken   time.Duration // LOS_FIRST_TOKEN_TIMEOUT
	TokenTimeout time.Duration // LOS_TOKEN_TIMEOUT: longest stall between tokens after the first
	Generation   time.Duration // LOS_GENERATION_TIMEOUT
	// The pool of Ollama hosts.
	OllamaConcurrency int           // LOS_OLLAMA_CONCURRENCY: chats per host at once
	OllamaQueue       int           // LOS_OLLAMA_QUEUE: chats that may wait for a free host
	OllamaQueueWait   time.Duration // LOS_OLLAMA_QUEUE_WAIT: how long they wait
	OllamaCheck       time.Duration // LOS_OLLAMA_CHECK_INTERVAL: health checks of hosts in service
	LogLevel          string        // LOS_LOG_LEVEL: debug, info, warn, error
	LogFormat         string        // LOS_LOG_FORMAT: text, json
	SynonymsFile      string        // LOS_SYNONYMS
	PromptsDir        string        // LOS_PROMPTS_DIR
	LocalesDir        string        // LOS_LOCALES_DIR
	TriageDir         string        // LOS_TRIAGE_DIR
	Redact            string        // LOS_REDACT: comma list of identifier kinds, "none" or "all"
	WidgetOrigins     []string      // LOS_WIDGET_ORIGINS: origins allowed to embed the widget (CORS)
	Policy            los.Policy    // LOS_POLICY: category=action,...
	RetentionDays     int           // LOS_RETENTION_DAYS
	HandoffDays       int           // LOS_HANDOFF_RETENTION_DAYS
	ShutdownPeriod    time.Duration // LOS_SHUTDOWN_TIMEOUT
	OpeningHours      string        // LOS_OPENING_HOURS, e.g. "mon-fri 08-20, sat 10-15"
	IdleClose         time.Duration // LOS_IDLE_CLOSE: close bot conversations quiet this long
	AgentPresence     time.Duration // LOS_AGENT_PRESENCE: an agent counts as present this long after their last request
	// ApertiumIdle stops an Apertium pipeline (~300 MiB each) that has
	// translated nothing this long; it starts again at the next need. 0
	// keeps both running from start-up (LOS_APERTIUM_IDLE).
	ApertiumIdle time.Duration
	// MetricsToken is the bearer token Prometheus reads /metrics with
	// (LOS_METRICS_TOKEN; no flag, so it never shows in a process list or
	// in --help). Empty: only admin sessions and admin API keys may.
	MetricsToken        string
	WebhookAllowPrivate bool // LOS_WEBHOOK_ALLOW_PRIVATE: let webhooks reach internal addresses
	WebhookLogDays      int  // LOS_WEBHOOK_LOG_DAYS: days to keep finished webhook deliveries and events
	// Demo loads the built-in demo knowledge base into a store without
	// articles (LOS_DEMO; default true). `los kb import` never does.
	Demo bool
	// DatabaseURL puts the store on PostgreSQL (LOS_DATABASE_URL,
	// postgres://…; no flag, so its password never shows in a process
	// list). Empty: the SQLite file in the data directory.
	DatabaseURL string
	// SignInMemoryMB bounds the memory sign-ins hash passwords in at once
	// (LOS_SIGNIN_MEMORY_MB): one argon2id run takes 19 MiB, so the
	// default 64 lets three run together; more wait or get 429.
	SignInMemoryMB int
	// TrustedProxies are the load balancers in front of Los
	// (LOS_TRUSTED_PROXIES: CIDRs or addresses, comma-separated), whose
	// X-Forwarded-For, Forwarded and X-Forwarded-Proto are believed.
	TrustedProxies []netip.Prefix
	// PublicURL is where people reach Los (LOS_PUBLIC_URL), e.g.
	// https://kundeservice.example.no; https makes session cookies Secure
	// and turns on HSTS even when TLS ends at a proxy.
	PublicURL string
	// TOTPRoles must sign in with a second factor (LOS_TOTP_ROLES:
	// "agent,editor,admin", "admin" or "none"); the others may set one up.
	TOTPRoles []auth.Role
}

// Default returns the configuration used when nothing is set.
func Default() Config {
	return Config{
		Addr:         "127.0.0.1:8080",
		DataDir:      "los-data",
		OllamaHost:   "http://127.0.0.1:11434",
		ChatModel:    "gemma3:4b",
		FirstToken:   8 * time.Second,
		TokenTimeout: 5 * time.Second,
		Generation:   60 * time.Second,

		OllamaConcurrency: 4,
		OllamaQueue:       16,
		OllamaQueueWait:   2 * time.Second,
		OllamaCheck:       5 * time.Second,

		LogLevel:       "info",
		LogFormat:      "text",
		Redact:         "all",
		Policy:         los.Policy{},
		RetentionDays:  30,
		HandoffDays:    90,
		ShutdownPeriod: 20 * time.Second,
		OpeningHours:   "mon-fri 08:00-20:00, sat 10:00-15:00",
		IdleClose:      30 * time.Minute,
		AgentPresence:  5 * time.Minute,
		ApertiumIdle:   30 * time.Minute,
		WebhookLogDays: 30,
		Demo:           true,
		SignInMemoryMB: 64,
	}
}

// Register adds the configuration flags to fs, with defaults taken from c
// (so environment values show as defaults) and values written into c.
func (c *Config) Register(fs *flag.FlagSet) {
	fs.StringVar(&c.Addr, "addr", c.Addr, "HOST:PORT to serve on (LOS_ADDR)")
	fs.StringVar(&c.DataDir, "data", c.DataDir, "data directory (LOS_DATA)")
	fs.StringVar(&c.ChatModel, "chat-model", c.ChatModel, "Ollama chat model (LOS_CHAT_MODEL)")
	fs.StringVar(&c.EmbedModel, "embed-model", c.EmbedModel, "Ollama embedding model; empty for keyword search only (LOS_EMBED_MODEL)")
	c.registerOllama(fs)
	fs.DurationVar(&c.FirstToken, "first-token-timeout", c.FirstToken, "how long the model may take to start answering (LOS_FIRST_TOKEN_TIMEOUT)")
	fs.DurationVar(&c.TokenTimeout, "token-timeout", c.TokenTimeout, "longest pause between tokens once the model answers; then answer extractively (LOS_TOKEN_TIMEOUT)")
	fs.DurationVar(&c.Generation, "generation-timeout", c.Generation, "longest generation (LOS_GENERATION_TIMEOUT)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error (LOS_LOG_LEVEL)")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "text or json (LOS_LOG_FORMAT)")
	fs.StringVar(&c.SynonymsFile, "synonyms", c.SynonymsFile, "synonym file replacing the built-in list (LOS_SYNONYMS)")
	fs.StringVar(&c.PromptsDir, "prompts-dir", c.PromptsDir, "prompt template overrides (LOS_PROMPTS_DIR)")
	fs.StringVar(&c.LocalesDir, "locales-dir", c.LocalesDir, "text overrides (LOS_LOCALES_DIR)")
	fs.StringVar(&c.TriageDir, "triage-dir", c.TriageDir, "triage lexicon overrides (LOS_TRIAGE_DIR)")
	fs.StringVar(&c.Redact, "redact", c.Redact, "identifiers to redact (LOS_REDACT)")
	fs.Func("widget-origins", "origins allowed to embed the widget (LOS_WIDGET_ORIGINS)", func(s string) error {
		c.WidgetOrigins = splitList(s)
		return nil
	})
	fs.Func("policy", "triage policy overrides (LOS_POLICY)", func(s string) error {
		p, err := ParsePolicy(s)
		c.Policy = p
		return err
	})
	fs.IntVar(&c.RetentionDays, "retention-days", c.RetentionDays, "days to keep conversations (LOS_RETENTION_DAYS)")
	fs.IntVar(&c.HandoffDays, "handoff-retention-days", c.HandoffDays, "days to keep handed-over conversations (LOS_HANDOFF_RETENTION_DAYS)")
	fs.StringVar(&c.OpeningHours, "opening-hours", c.OpeningHours, "customer service opening hours in Europe/Oslo, closed on public holidays (LOS_OPENING_HOURS)")
	fs.DurationVar(&c.IdleClose, "idle-close", c.IdleClose, "close conversations the bot holds after this long without a message (LOS_IDLE_CLOSE)")
	fs.DurationVar(&c.AgentPresence, "agent-presence", c.AgentPresence, "an agent counts as present this long after their last request, without the inbox open (LOS_AGENT_PRESENCE)")
	fs.DurationVar(&c.ApertiumIdle, "apertium-idle", c.ApertiumIdle, "stop an Apertium pipeline unused this long, started again when needed; 0 keeps both running from start-up (LOS_APERTIUM_IDLE)")
	fs.BoolVar(&c.WebhookAllowPrivate, "webhook-allow-private", c.WebhookAllowPrivate, "let webhooks reach loopback, private and link-local addresses (LOS_WEBHOOK_ALLOW_PRIVATE)")
	fs.IntVar(&c.WebhookLogDays, "webhook-log-days", c.WebhookLogDays, "days to keep finished webhook deliveries and their events (LOS_WEBHOOK_LOG_DAYS)")
	fs.StringVar(&c.PublicURL, "public-url", c.PublicURL, "where people reach Los, e.g. https://kundeservice.example.no (LOS_PUBLIC_URL)")
	fs.Func("totp-roles", "roles that must sign in with a second factor: agent,editor,admin or none (LOS_TOTP_ROLES)", func(s string) error {
		r, err := ParseRoles(s)
		c.TOTPRoles = r
		return err
	})
	fs.Func("trusted-proxies", "CIDRs of the load balancers whose X-Forwarded-For is believed (LOS_TRUSTED_PROXIES)", func(s string) error {
		p, err := ParseProxies(s)
		c.TrustedProxies = p
		return err
	})
	fs.DurationVar(&c.ShutdownPeriod, "shutdown-timeout", c.ShutdownPeriod, "how long shutdown waits for answers in flight (LOS_SHUTDOWN_TIMEOUT)")
	fs.BoolVar(&c.Demo, "demo", c.Demo, "load the demo knowledge base when the store has no articles; --demo=false keeps it out (LOS_DEMO)")
}

// FromEnv returns the defaults overridden by the environment.
func FromEnv(getenv func(string) string) (Config, error) {
	c := Default()
	var errs []error
	str := func(name string, dst *string) {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			*dst = v
		}
	}
	dur := func(name string, dst *time.Duration) {
		if v := getenv(name); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s=%q is not a duration; write it like 8s or 1m30s", name, v))
				return
			}
			*dst = d
		}
	}
	str("LOS_ADDR", &c.Addr)
	str("LOS_DATA", &c.DataDir)
	str("OLLAMA_HOST", &c.OllamaHost)
	str("LOS_CHAT_MODEL", &c.ChatModel)
	str("LOS_EMBED_MODEL", &c.EmbedModel)
	dur("LOS_FIRST_TOKEN_TIMEOUT", &c.FirstToken)
	dur("LOS_TOKEN_TIMEOUT", &c.TokenTimeout)
	dur("LOS_GENERATION_TIMEOUT", &c.Generation)
	dur("LOS_OLLAMA_QUEUE_WAIT", &c.OllamaQueueWait)
	dur("LOS_OLLAMA_CHECK_INTERVAL", &c.OllamaCheck)
	whole := func(name string, dst *int) {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s=%q is not a whole number", name, v))
			}
			*dst = n
		}
	}
	whole("LOS_OLLAMA_CONCURRENCY", &c.OllamaConcurrency)
	whole("LOS_OLLAMA_QUEUE", &c.OllamaQueue)
	dur("LOS_SHUTDOWN_TIMEOUT", &c.ShutdownPeriod)
	dur("LOS_IDLE_CLOSE", &c.IdleClose)
	dur("LOS_AGENT_PRESENCE", &c.AgentPresence)
	dur("LOS_APERTIUM_IDLE", &c.ApertiumIdle)
	str("LOS_LOG_LEVEL", &c.LogLevel)
	str("LOS_LOG_FORMAT", &c.LogFormat)
	str("LOS_SYNONYMS", &c.SynonymsFile)
	str("LOS_PROMPTS_DIR", &c.PromptsDir)
	str("LOS_LOCALES_DIR", &c.LocalesDir)
	str("LOS_TRIAGE_DIR", &c.TriageDir)
	str("LOS_REDACT", &c.Redact)
	str("LOS_OPENING_HOURS", &c.OpeningHours)
	if v := getenv("LOS_WIDGET_ORIGINS"); v != "" {
		c.WidgetOrigins = splitList(v)
	}
	if v := getenv("LOS_POLICY"); v != "" {
		p, err := ParsePolicy(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("LOS_POLICY: %w", err))
		}
		c.Policy = p
	}
	days := func(name string, dst *int) {
		if v := getenv(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s=%q is not a whole number of days", name, v))
			}
			*dst = n
		}
	}
	days("LOS_RETENTION_DAYS", &c.RetentionDays)
	days("LOS_HANDOFF_RETENTION_DAYS", &c.HandoffDays)
	days("LOS_WEBHOOK_LOG_DAYS", &c.WebhookLogDays)
	if v := strings.TrimSpace(getenv("LOS_SIGNIN_MEMORY_MB")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("LOS_SIGNIN_MEMORY_MB=%q is not a whole number of MiB", v))
		}
		c.SignInMemoryMB = n
	}
	str("LOS_METRICS_TOKEN", &c.MetricsToken)
	str("LOS_DATABASE_URL", &c.DatabaseURL)
	str("LOS_PUBLIC_URL", &c.PublicURL)
	if v := getenv("LOS_TOTP_ROLES"); v != "" {
		r, err := ParseRoles(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("LOS_TOTP_ROLES: %w", err))
		}
		c.TOTPRoles = r
	}
	if v := getenv("LOS_TRUSTED_PROXIES"); v != "" {
		p, err := ParseProxies(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("LOS_TRUSTED_PROXIES: %w", err))
		}
		c.TrustedProxies = p
	}
	boolean := func(name string, dst *bool) {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s=%q is not true or false", name, v))
				return
			}
			*dst = b
		}
	}
	boolean("LOS_WEBHOOK_ALLOW_PRIVATE", &c.WebhookAllowPrivate)
	boolean("LOS_DEMO", &c.Demo)
	return c, errors.Join(errs...)
}

// Validate checks the configuration and returns every problem at once,
// each with what to do.
func (c Config) Validate() error {
	var errs []error
	if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
		errs = append(errs, fmt.Errorf("address %q is not HOST:PORT; use for example --addr 127.0.0.1:8080", c.Addr))
	}
	if c.DataDir == "" {
		errs = append(errs, errors.New("data directory is empty; set --data or LOS_DATA"))
	}
	errs = append(errs, c.validateOllama()...)
	errs = append(errs, c.validateDatabase()...)
	if c.ChatModel == "" {
		errs = append(errs, errors.New("chat model is empty; set LOS_CHAT_MODEL, for example gemma3:4b"))
	}
	if c.FirstToken <= 0 || c.TokenTimeout <= 0 || c.Generation <= 0 || c.ShutdownPeriod <= 0 || c.IdleClose <= 0 || c.AgentPresence <= 0 {
		errs = append(errs, errors.New("timeouts must be positive durations such as 8s"))
	}
	if c.ApertiumIdle < 0 {
		errs = append(errs, fmt.Errorf("the Apertium idle stop (LOS_APERTIUM_IDLE) is negative: %s; use a duration such as 30m, or 0 to keep Apertium running", c.ApertiumIdle))
	}
	if c.FirstToken > c.Generation {
		errs = append(errs, fmt.Errorf("first-token timeout (%s) is longer than the generation timeout (%s)", c.FirstToken, c.Generation))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("log level %q is unknown; use debug, info, warn or error", c.LogLevel))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("log format %q is unknown; use text or json", c.LogFormat))
	}
	if _, err := redact.ParseKinds(c.Redact); err != nil {
		errs = append(errs, fmt.Errorf("LOS_REDACT: %w", err))
	}
	if _, err := hours.ParseWeek(c.OpeningHours); err != nil {
		errs = append(errs, fmt.Errorf("opening hours %q: %w; write them like \"mon-fri 08-20, sat 10-15\"", c.OpeningHours, err))
	}
	if c.RetentionDays < 1 || c.HandoffDays < 1 {
		errs = append(errs, fmt.Errorf("retention of %d/%d days is too short; use at least 1", c.RetentionDays, c.HandoffDays))
	}
	if c.SignInMemoryMB < 19 {
		errs = append(errs, fmt.Errorf("LOS_SIGNIN_MEMORY_MB=%d is less than one password hash takes; use at least 19 (default 64)", c.SignInMemoryMB))
	}
	if c.WebhookLogDays < 1 {
		errs = append(errs, fmt.Errorf("webhook log retention of %d days is too short; set LOS_WEBHOOK_LOG_DAYS (--webhook-log-days) to at least 1", c.WebhookLogDays))
	}
	if err := checkMetricsToken(c.MetricsToken); err != nil {
		errs = append(errs, err)
	}
	if c.PublicURL != "" {
		if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("LOS_PUBLIC_URL %q is not a URL; write it like https://kundeservice.example.no", c.PublicURL))
		}
	}
	for _, o := range c.WidgetOrigins {
		if u, err := url.Parse(o); err != nil || u.Scheme == "" || u.Host == "" || u.Path != "" {
			errs = append(errs, fmt.Errorf("widget origin %q is not an origin; write it like https://www.example.no", o))
		}
	}
	for _, f := range []struct{ name, path string }{{"synonym file", c.SynonymsFile}, {"prompts directory", c.PromptsDir}, {"locales directory", c.LocalesDir}, {"triage directory", c.TriageDir}} {
		if f.path == "" {
			continue
		}
		if _, err := os.Stat(f.path); err != nil {
			errs = append(errs, fmt.Errorf("%s %s: %w", f.name, f.path, err))
		}
	}
	return errors.Join(errs...)
}

// minMetricsToken is the shortest LOS_METRICS_TOKEN accepted.
const minMetricsToken = 16

// checkMetricsToken accepts no token or a long one that cannot be taken
// for an API key or a conversation token.
func checkMetricsToken(t string) error {
	const how = "generate one with: openssl rand -hex 32"
	switch {
	case t == "":
		return nil
	case len(t) < minMetricsToken:
		return fmt.Errorf("LOS_METRICS_TOKEN has %d characters; use at least %d (%s)", len(t), minMetricsToken, how)
	case strings.HasPrefix(t, "los_") || strings.HasPrefix(t, "lct_"):
		return fmt.Errorf("LOS_METRICS_TOKEN may not start with los_ or lct_, which mark API keys and conversation tokens (%s)", how)
	case strings.ContainsFunc(t, func(r rune) bool { return r <= ' ' || r > '~' }):
		return fmt.Errorf("LOS_METRICS_TOKEN may hold printable ASCII only, no spaces (%s)", how)
	}
	return nil
}
