package web_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los/web"
	"github.com/los-bot/los/web/webtest"
)

// TestRefusedOriginIsLogged: a widget on a site that is not allowed gets
// no CORS headers (the browser blocks it) and the operator gets one
// warning per origin every ten minutes, naming the origin and
// LOS_WIDGET_ORIGINS; allowed origins and Los's own pages get none.
func TestRefusedOriginIsLogged(t *testing.T) {
	for _, allowed := range [][]string{nil, {"https://butikk.example"}} {
		var logs bytes.Buffer
		now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
		accounts, _ := webtest.WithKey("test")
		s := web.New(web.Config{Accounts: accounts, Log: slog.New(slog.NewTextHandler(&logs, nil)), WidgetOrigins: allowed,
			Now: func() time.Time { return now }, RatePerIP: 1000})
		s.Echo().GET("/api/v1/probe", func(c echo.Context) error { return c.String(http.StatusOK, "ok") }, s.CORS())
		get := func(origin, host string) *http.Response {
			rec := webtest.Do(s.Handler(), "GET", "http://"+host+"/api/v1/probe", "", "Origin", origin)
			return rec.Result()
		}
		warnings := func() int { return strings.Count(logs.String(), "level=WARN") }

		for range 5 {
			r := get("https://annen.example", "los.example:8080")
			if r.Header.Get("Access-Control-Allow-Origin") != "" {
				t.Fatalf("allowed %v: a refused origin got CORS headers", allowed)
			}
			// A browser's cache must not hand a copy fetched by Los's own
			// page (no Origin) to another site, or the request never
			// reaches Los and nothing is logged.
			if !strings.Contains(strings.Join(r.Header.Values("Vary"), ","), "Origin") {
				t.Fatalf("allowed %v: no Vary: Origin", allowed)
			}
		}
		if n := warnings(); n != 1 {
			t.Fatalf("allowed %v: %d warnings for five requests, want 1:\n%s", allowed, n, logs.String())
		}
		if !strings.Contains(logs.String(), "origin=https://annen.example") || !strings.Contains(logs.String(), "LOS_WIDGET_ORIGINS=") {
			t.Errorf("the warning does not name the origin:\n%s", logs.String())
		}
		get("https://tredje.example", "los.example:8080") // another origin: its own warning
		now = now.Add(11 * time.Minute)
		get("https://annen.example", "los.example:8080") // ten minutes on: again
		if n := warnings(); n != 3 {
			t.Errorf("allowed %v: %d warnings, want 3", allowed, n)
		}
		logs.Reset()
		get("http://los.example:8080", "los.example:8080") // Los's own page
		get("", "los.example:8080")                        // no Origin: not a browser's cross-site call
		if allowed != nil {
			if r := get("https://butikk.example", "los.example:8080"); r.Header.Get("Access-Control-Allow-Origin") != "https://butikk.example" {
				t.Errorf("the allowed origin got no CORS header")
			}
		}
		if logs.Len() != 0 {
			t.Errorf("allowed %v: warned about allowed requests:\n%s", allowed, logs.String())
		}
	}
}

// TestRefusedPreflightIsLogged: a preflight from a site that is not
// allowed is refused by the CORS middleware and logged too.
func TestRefusedPreflightIsLogged(t *testing.T) {
	var logs bytes.Buffer
	accounts, _ := webtest.WithKey("test")
	s := web.New(web.Config{Accounts: accounts, Log: slog.New(slog.NewTextHandler(&logs, nil)), WidgetOrigins: []string{"https://butikk.example"}})
	s.Echo().POST("/api/v1/probe", func(c echo.Context) error { return c.NoContent(http.StatusOK) }, s.CORS())
	s.Echo().OPTIONS("/api/v1/probe", func(c echo.Context) error { return c.NoContent(http.StatusOK) }, s.CORS())
	rec := webtest.Do(s.Handler(), "OPTIONS", "http://los.example/api/v1/probe", "", "Origin", "https://annen.example",
		"Access-Control-Request-Method", "POST")
	if rec.Header().Get("Access-Control-Allow-Origin") != "" || !strings.Contains(logs.String(), "origin=https://annen.example") {
		t.Errorf("refused preflight: %v\n%s", rec.Header(), logs.String())
	}
}
