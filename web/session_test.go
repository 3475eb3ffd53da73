package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/store"
	"github.com/los-bot/los/web"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// newService is auth on a real store with users kari (agent) and eva
// (editor), both with the password "et langt passord".
func newService(t *testing.T) (*auth.Service, *store.DB, *clock) {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "los.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clk := &clock{t: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	db.SetClock(clk.now)
	for _, u := range []struct {
		email string
		role  auth.Role
	}{{"kari@example.no", auth.RoleAgent}, {"eva@example.no", auth.RoleEditor}} {
		h, err := auth.HashPassword("et langt passord")
		if err != nil {
			t.Fatal(err)
		}
		if err := db.CreateUser(context.Background(), &auth.User{Email: u.email, Role: u.role, PasswordHash: h}); err != nil {
			t.Fatal(err)
		}
	}
	return auth.New(db, clk.now, nil), db, clk
}

// serve runs one request through Sessions and RequireRole(agent, admin).
func serve(a *auth.Service, req *http.Request) *httptest.ResponseRecorder {
	e := echo.New()
	e.HTTPErrorHandler = func(err error, c echo.Context) {
		status := map[los.Code]int{los.EAUTH: 401, los.EFORBID: 403}[los.ErrorCode(err)]
		if status == 0 {
			status = 500
		}
		c.String(status, err.Error())
	}
	ok := func(c echo.Context) error { return c.String(http.StatusOK, web.UserFrom(c).Email) }
	g := e.Group("/x", web.Sessions(a), web.RequireRole(auth.RoleAgent, auth.RoleAdmin))
	g.GET("", ok)
	g.POST("", ok)
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	return rec
}

func TestMiddleware(t *testing.T) {
	ctx := context.Background()
	a, _, _ := newService(t)
	agentTok, agentSess, _, err := a.Login(ctx, "kari@example.no", "et langt passord", "ip")
	if err != nil {
		t.Fatal(err)
	}
	editorTok, editorSess, _, err := a.Login(ctx, "eva@example.no", "et langt passord", "ip")
	if err != nil {
		t.Fatal(err)
	}
	req := func(method, token string, header map[string]string, form url.Values) *http.Request {
		var r *http.Request
		if form != nil {
			r = httptest.NewRequest(method, "/x", strings.NewReader(form.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		} else {
			r = httptest.NewRequest(method, "/x", strings.NewReader(`{}`))
			r.Header.Set("Content-Type", "application/json")
		}
		if token != "" {
			r.AddCookie(&http.Cookie{Name: web.CookieName, Value: token})
		}
		for k, v := range header {
			r.Header.Set(k, v)
		}
		return r
	}
	csrf := map[string]string{web.CSRFHeader: agentSess.CSRF}
	// wrongCSRF differs from the session's token in its first character
	// (a fixed "x" would be the token itself one time in 64).
	wrongCSRF := "x" + agentSess.CSRF[1:]
	if agentSess.CSRF[0] == 'x' {
		wrongCSRF = "y" + agentSess.CSRF[1:]
	}
	tests := []struct {
		name string
		req  *http.Request
		want int
	}{
		{name: "no cookie", req: req("GET", "", nil, nil), want: 401},
		{name: "bad cookie", req: req("GET", "nonsense", nil, nil), want: 401},
		{name: "agent reads", req: req("GET", agentTok, nil, nil), want: 200},
		{name: "editor may not", req: req("GET", editorTok, nil, nil), want: 403},
		{name: "post without csrf", req: req("POST", agentTok, nil, nil), want: 403},
		{name: "post with wrong csrf", req: req("POST", agentTok, map[string]string{web.CSRFHeader: wrongCSRF}, nil), want: 403},
		{name: "post with another session's csrf", req: req("POST", agentTok, map[string]string{web.CSRFHeader: editorSess.CSRF}, nil), want: 403},
		{name: "post with csrf", req: req("POST", agentTok, csrf, nil), want: 200},
		{name: "cross-site post with csrf", req: req("POST", agentTok, map[string]string{web.CSRFHeader: agentSess.CSRF, "Sec-Fetch-Site": "cross-site"}, nil), want: 403},
		{name: "post from another origin without Sec-Fetch-Site", req: req("POST", agentTok, map[string]string{web.CSRFHeader: agentSess.CSRF, "Origin": "https://evil.example"}, nil), want: 403},
		{name: "post from the same origin", req: req("POST", agentTok, map[string]string{web.CSRFHeader: agentSess.CSRF, "Origin": "http://example.com"}, nil), want: 200},
		{name: "form post with csrf field", req: req("POST", agentTok, nil, url.Values{"csrf": {agentSess.CSRF}}), want: 200},
		{name: "form post without csrf field", req: req("POST", agentTok, nil, url.Values{"x": {"y"}}), want: 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := serve(a, tt.req)
			if rec.Code != tt.want {
				t.Errorf("status %d (%s), want %d", rec.Code, rec.Body, tt.want)
			}
			if tt.want == 200 && rec.Body.String() != "kari@example.no" {
				t.Errorf("user in context = %q", rec.Body)
			}
		})
	}
	// A stale cookie is cleared.
	rec := serve(a, req("GET", "nonsense", nil, nil))
	if c := rec.Header().Get("Set-Cookie"); !strings.Contains(c, web.CookieName+"=;") || !strings.Contains(c, "Max-Age=0") {
		t.Errorf("stale cookie not cleared: %q", c)
	}
}

// TestCookieFlags: the session cookie is Secure, and HSTS is sent, over
// HTTPS: TLS, an https LOS_PUBLIC_URL (even when TLS ends at a proxy that
// says nothing), or a trusted proxy's X-Forwarded-Proto; never because an
// untrusted client sent the header.
func TestCookieFlags(t *testing.T) {
	_, _, clk := newService(t)
	lb := []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	for _, tt := range []struct {
		name       string
		proto      string
		peer       string
		public     string
		trusted    []netip.Prefix
		wantSecure bool
	}{
		{name: "plain http", peer: "127.0.0.1:5000", wantSecure: false},
		{name: "behind a trusted TLS proxy", proto: "https", peer: "127.0.0.1:5000", trusted: lb, wantSecure: true},
		{name: "trusted proxy, plain", proto: "http", peer: "127.0.0.1:5000", trusted: lb, wantSecure: false},
		{name: "header without trusted proxies", proto: "https", peer: "127.0.0.1:5000", wantSecure: false},
		{name: "header from an untrusted peer", proto: "https", peer: "203.0.113.9:5000", trusted: lb, wantSecure: false},
		{name: "public URL https", peer: "127.0.0.1:5000", public: "https://kundeservice.example.no", wantSecure: true},
		{name: "public URL http", peer: "127.0.0.1:5000", public: "http://localhost:8080", wantSecure: false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := web.New(web.Config{TrustedProxies: tt.trusted, PublicURL: tt.public})
			s.Echo().POST("/cookie", func(c echo.Context) error {
				web.SetCookie(c, "tok", &auth.Session{Expires: clk.t.Add(time.Hour)}, clk.t)
				return c.NoContent(http.StatusNoContent)
			})
			r := httptest.NewRequest("POST", "/cookie", nil)
			r.RemoteAddr = tt.peer
			if tt.proto != "" {
				r.Header.Set("X-Forwarded-Proto", tt.proto)
			}
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, r)
			c := rec.Result().Cookies()[0]
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure != tt.wantSecure || c.MaxAge != 3600 || c.Path != "/" {
				t.Errorf("cookie = %+v", c)
			}
			if hsts := rec.Header().Get("Strict-Transport-Security"); (hsts != "") != tt.wantSecure {
				t.Errorf("Strict-Transport-Security = %q, want it only over HTTPS", hsts)
			}
		})
	}
}

func TestFormToken(t *testing.T) {
	e := echo.New()
	rec := httptest.NewRecorder()
	tok := web.FormToken(e.NewContext(httptest.NewRequest("GET", "/", nil), rec))
	cookie := rec.Result().Cookies()[0]
	post := func(field string, withCookie bool) error {
		r := httptest.NewRequest("POST", "/", strings.NewReader(url.Values{"csrf": {field}}.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if withCookie {
			r.AddCookie(cookie)
		}
		return web.CheckFormToken(e.NewContext(r, httptest.NewRecorder()))
	}
	if err := post(tok, true); err != nil {
		t.Errorf("matching token: %v", err)
	}
	if err := post(tok, false); los.ErrorCode(err) != los.EFORBID {
		t.Errorf("no cookie: err = %v, want forbidden", err)
	}
	if err := post("forged", true); los.ErrorCode(err) != los.EFORBID {
		t.Errorf("wrong token: err = %v, want forbidden", err)
	}
}
