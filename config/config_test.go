package config

import (
	"flag"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestFromEnvAndFlags(t *testing.T) {
	c, err := FromEnv(env(map[string]string{
		"LOS_ADDR": "0.0.0.0:9000", "LOS_FIRST_TOKEN_TIMEOUT": "3s", "LOS_POLICY": "distress=handoff_now",
		"LOS_WIDGET_ORIGINS": "https://a.no, https://b.no", "LOS_RETENTION_DAYS": "7", "LOS_APERTIUM_IDLE": "0",
	}))
	if err != nil {
		t.Fatal(err)
	}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	c.Register(fs)
	if err := fs.Parse([]string{"--addr", "127.0.0.1:9001", "--chat-model", "m"}); err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9001" || c.ChatModel != "m" || c.FirstToken != 3*time.Second || c.RetentionDays != 7 || c.ApertiumIdle != 0 {
		t.Errorf("config = %+v", c)
	}
	if c.Policy.Action(los.CategoryDistress) != los.ActionHandoffNow || c.Policy.Action(los.CategoryIllness) != los.ActionHandoffNow {
		t.Errorf("policy = %v", c.Policy)
	}
	if len(c.WidgetOrigins) != 2 || c.WidgetOrigins[1] != "https://b.no" {
		t.Errorf("origins = %v", c.WidgetOrigins)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("valid config refused: %v", err)
	}
}

func TestValidateSaysWhatToDo(t *testing.T) {
	tests := []struct {
		name string
		mod  func(*Config)
		want string
	}{
		{"addr", func(c *Config) { c.Addr = "8080" }, "--addr 127.0.0.1:8080"},
		{"ollama", func(c *Config) { c.OllamaHost = "localhost:11434" }, "http://127.0.0.1:11434"},
		{"timeouts", func(c *Config) { c.FirstToken = time.Minute; c.Generation = time.Second }, "longer than"},
		{"log level", func(c *Config) { c.LogLevel = "loud" }, "debug, info, warn or error"},
		{"origin", func(c *Config) { c.WidgetOrigins = []string{"www.a.no"} }, "https://www.example.no"},
		{"redact", func(c *Config) { c.Redact = "fnr,passport" }, "LOS_REDACT"},
		{"retention", func(c *Config) { c.RetentionDays = 0 }, "at least 1"},
		{"apertium idle", func(c *Config) { c.ApertiumIdle = -time.Second }, "or 0 to keep Apertium running"},
		{"missing synonyms", func(c *Config) { c.SynonymsFile = "/nonexistent/syn.txt" }, "synonym file"},
		{"webhook log days", func(c *Config) { c.WebhookLogDays = 0 }, "set LOS_WEBHOOK_LOG_DAYS (--webhook-log-days) to at least 1"},
		{"short metrics token", func(c *Config) { c.MetricsToken = "hemmelig" }, "LOS_METRICS_TOKEN has 8 characters; use at least 16 (generate one with: openssl rand -hex 32)"},
		{"metrics token like a key", func(c *Config) { c.MetricsToken = "los_0123456789abcdef" }, "may not start with los_"},
		{"metrics token with a space", func(c *Config) { c.MetricsToken = "0123456789 abcdef" }, "printable ASCII only"},
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

func TestParsePolicy(t *testing.T) {
	tests := []struct {
		in, wantErr string
	}{
		{"distress=handoff_now, vulnerable=answer", ""},
		{"self_harm=answer", "critical"},
		{"grief=handoff_now", "category=action"},
		{"distress=escalate", "answer, offer_handoff or handoff_now"},
	}
	for _, tt := range tests {
		_, err := ParsePolicy(tt.in)
		if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("ParsePolicy(%q) err = %v, want %q", tt.in, err, tt.wantErr)
		}
	}
}

func TestHardeningSettings(t *testing.T) {
	c := Default()
	if c.WebhookLogDays != 30 || c.WebhookAllowPrivate || c.MetricsToken != "" {
		t.Fatalf("defaults = %d days, allow private %v, token %q", c.WebhookLogDays, c.WebhookAllowPrivate, c.MetricsToken)
	}
	c, err := FromEnv(env(map[string]string{
		"LOS_METRICS_TOKEN": " 0123456789abcdef0123 ", "LOS_WEBHOOK_ALLOW_PRIVATE": "true", "LOS_WEBHOOK_LOG_DAYS": "7",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.MetricsToken != "0123456789abcdef0123" || !c.WebhookAllowPrivate || c.WebhookLogDays != 7 {
		t.Fatalf("from env: token %q, allow private %v, %d days", c.MetricsToken, c.WebhookAllowPrivate, c.WebhookLogDays)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("valid config refused: %v", err)
	}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	c.Register(fs)
	if fs.Lookup("metrics-token") != nil {
		t.Error("the metrics token has a flag, which would show it in --help and in process lists")
	}
	if err := fs.Parse([]string{"--webhook-allow-private=false", "--webhook-log-days", "14"}); err != nil {
		t.Fatal(err)
	}
	if c.WebhookAllowPrivate || c.WebhookLogDays != 14 {
		t.Fatalf("flags: allow private %v, %d days", c.WebhookAllowPrivate, c.WebhookLogDays)
	}
	_, err = FromEnv(env(map[string]string{"LOS_WEBHOOK_ALLOW_PRIVATE": "ja", "LOS_WEBHOOK_LOG_DAYS": "a month"}))
	if err == nil || !strings.Contains(err.Error(), `LOS_WEBHOOK_ALLOW_PRIVATE="ja" is not true or false`) ||
		!strings.Contains(err.Error(), `LOS_WEBHOOK_LOG_DAYS="a month" is not a whole number of days`) {
		t.Fatalf("bad values: %v", err)
	}
}

func TestDatabaseURL(t *testing.T) {
	tests := []struct {
		url  string
		want string // part of the error; "" for none
	}{
		{"", ""},
		{"postgres://los:pw@db:5432/los?sslmode=disable", ""},
		{"postgresql://los@127.0.0.1/los", ""},
		{"mysql://los@db/los", "not a PostgreSQL URL"},
		{"postgres://los@db:5432", "names no database"},
		{"los.db", "not a PostgreSQL URL"},
	}
	for _, tt := range tests {
		c, err := FromEnv(func(k string) string {
			if k == "LOS_DATABASE_URL" {
				return tt.url
			}
			return ""
		})
		if err != nil {
			t.Fatal(err)
		}
		err = c.Validate()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%q: %v", tt.url, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%q: %v, want an error saying %q", tt.url, err, tt.want)
		}
		if c.Postgres() != (tt.url != "") {
			t.Errorf("%q: Postgres() = %v", tt.url, c.Postgres())
		}
	}
}
