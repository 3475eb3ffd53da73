package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/store"
	"github.com/los-bot/los/web"
)

const testPassword = "et langt passord"

// keywordTriager gives the category of the first keyword found.
type keywordTriager map[string]los.Category

func (k keywordTriager) Classify(_ context.Context, text string) los.Triage {
	for w, c := range k {
		if strings.Contains(strings.ToLower(text), w) {
			return los.Triage{Category: c, Signals: []string{"test:" + w}}
		}
	}
	return los.Triage{Category: los.CategoryNone}
}

var testTriager = keywordTriager{"døde": los.CategoryBereavement, "ta livet": los.CategorySelfHarm}

type oneSource struct{}

func (oneSource) Retrieve(context.Context, string, los.Standard, int) ([]los.Source, error) {
	return []los.Source{{Slug: "faktura", Title: "Faktura", Text: "Fakturaen finner du på Min side.", Relevant: true}}, nil
}

// testClock is a settable clock shared by the server and the store.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) set(t time.Time)     { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }
func (c *testClock) add(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

type deskEnv struct {
	srv   *httptest.Server
	db    *store.DB
	clock *testClock
	web   *web.Server
}

// mondayMorning is inside opening hours.
var mondayMorning = time.Date(2026, 11, 23, 10, 0, 0, 0, time.FixedZone("CET", 3600))

// newDeskEnv serves Los with a real store, a keyword triager and users
// kari and ola (agents), eva (editor) and ada (admin); deps change the
// server's dependencies.
func newDeskEnv(t *testing.T, deps ...func(*siteDeps)) *deskEnv {
	t.Helper()
	clock := &testClock{t: mondayMorning}
	st := newTestStack(t, stackOptions{noIndex: true, validate: true, clock: clock.now,
		users: map[string]auth.Role{"kari@example.no": auth.RoleAgent, "ola@example.no": auth.RoleAgent,
			"eva@example.no": auth.RoleEditor, "ada@example.no": auth.RoleAdmin},
		bot: func(c *bot.Config) { c.Retriever, c.Triager = oneSource{}, testTriager },
		deps: func(d *siteDeps) {
			for _, f := range deps {
				f(d)
			}
		}})
	return &deskEnv{srv: st.srv, db: st.db, clock: clock, web: st.web}
}

// browser is an agent's browser: a cookie jar that does not follow
// redirects, and the CSRF token of its session.
type browser struct {
	t     *testing.T
	base  string
	c     *http.Client
	csrf  string
	email string // signed in as
}

func (e *deskEnv) browser(t *testing.T) *browser { return newBrowser(t, e.srv.URL) }

func newBrowser(t *testing.T, base string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: base, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (b *browser) do(method, path, body string, hdr ...string) (*http.Response, string) {
	b.t.Helper()
	req, err := http.NewRequest(method, b.base+path, strings.NewReader(body))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if b.csrf != "" {
		req.Header.Set(web.CSRFHeader, b.csrf)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp, string(out)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// submitLogin fetches the sign-in form and posts it.
func (b *browser) submitLogin(email, password string) (*http.Response, string) {
	b.t.Helper()
	_, page := b.do("GET", "/agent/login", "")
	m := csrfField.FindStringSubmatch(page)
	if m == nil {
		b.t.Fatalf("sign-in page has no csrf field:\n%s", page)
	}
	form := url.Values{"email": {email}, "password": {password}, "csrf": {m[1]}}
	return b.do("POST", "/agent/login", form.Encode(), "Content-Type", "application/x-www-form-urlencoded")
}

// login signs in and keeps the session's CSRF token.
func (e *deskEnv) login(t *testing.T, email string) *browser {
	t.Helper()
	b := e.browser(t)
	if resp, body := b.submitLogin(email, testPassword); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in %s: %d %s", email, resp.StatusCode, body)
	}
	resp, body := b.do("GET", "/api/v1/agent/me", "")
	var me struct{ CSRF string }
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(body), &me) != nil || me.CSRF == "" {
		t.Fatalf("me: %d %s", resp.StatusCode, body)
	}
	b.csrf, b.email = me.CSRF, email
	return b
}

// customer is a chat customer with a conversation.
type customer struct {
	t         *testing.T
	base      string
	id, token string
}

func (e *deskEnv) customer(t *testing.T) *customer {
	t.Helper()
	c := &customer{t: t, base: e.srv.URL}
	resp, body := c.do("POST", "/api/v1/conversations", "")
	var created struct{ ID, Token string }
	if resp.StatusCode != http.StatusCreated || json.Unmarshal([]byte(body), &created) != nil {
		t.Fatalf("create conversation: %d %s", resp.StatusCode, body)
	}
	c.id, c.token = created.ID, created.Token
	return c
}

func (c *customer) do(method, path, body string) (*http.Response, string) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp, string(out)
}

// say posts a message and returns the turn.
func (c *customer) say(text string) los.Result {
	c.t.Helper()
	b, _ := json.Marshal(map[string]string{"text": text})
	resp, body := c.do("POST", "/api/v1/conversations/"+c.id+"/messages", string(b))
	var res los.Result
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(body), &res) != nil {
		c.t.Fatalf("say %q: %d %s", text, resp.StatusCode, body)
	}
	return res
}

// askForHuman presses "Snakk med et menneske".
func (c *customer) askForHuman() los.Result {
	c.t.Helper()
	resp, body := c.do("POST", "/api/v1/conversations/"+c.id+"/handoff", "")
	var res los.Result
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(body), &res) != nil {
		c.t.Fatalf("handoff: %d %s", resp.StatusCode, body)
	}
	return res
}

type transcriptMsg struct {
	ID   int64    `json:"id"`
	Role los.Role `json:"role"`
	Text string   `json:"text"`
}

// transcript is what the customer's chat shows.
func (c *customer) transcript() (los.Status, []transcriptMsg) {
	c.t.Helper()
	resp, body := c.do("GET", "/api/v1/conversations/"+c.id, "")
	var tr struct {
		Status   los.Status      `json:"status"`
		Messages []transcriptMsg `json:"messages"`
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(body), &tr) != nil {
		c.t.Fatalf("transcript: %d %s", resp.StatusCode, body)
	}
	return tr.Status, tr.Messages
}
