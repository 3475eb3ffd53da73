package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/store"
	"github.com/los-bot/los/web"
)

// editorEnv serves Los with a real store holding the demo knowledge base,
// a real in-memory index built from it, a bot without a model, and users
// eva (editor) and kari (agent).
type editorEnv struct {
	srv *httptest.Server
	db  *store.DB
	ix  *kb.Index
}

func newEditorEnv(t *testing.T) *editorEnv {
	t.Helper()
	st := newTestStack(t, stackOptions{validate: true,
		users: map[string]auth.Role{"eva@example.no": auth.RoleEditor, "kari@example.no": auth.RoleAgent}})
	return &editorEnv{srv: st.srv, db: st.db, ix: st.ix}
}

// editorClient is a signed-in browser: cookies, and the session's CSRF
// token on every request.
type editorClient struct {
	t    *testing.T
	base string
	c    *http.Client
	csrf string
}

var loginCSRF = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (e *editorEnv) signIn(t *testing.T, email string) *editorClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	ec := &editorClient{t: t, base: e.srv.URL, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
	_, page := ec.raw("GET", "/agent/login", "", nil)
	m := loginCSRF.FindStringSubmatch(string(page))
	if m == nil {
		t.Fatalf("sign-in page has no csrf field")
	}
	form := url.Values{"email": {email}, "password": {testPassword}, "csrf": {m[1]}}
	resp, _ := ec.raw("POST", "/agent/login", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in %s: %d", email, resp.StatusCode)
	}
	var me struct{ CSRF string }
	if st := ec.json("GET", "/api/v1/editor/me", nil, &me); st == http.StatusOK {
		ec.csrf = me.CSRF
	}
	return ec
}

func (ec *editorClient) raw(method, path, contentType string, body io.Reader) (*http.Response, []byte) {
	ec.t.Helper()
	req, err := http.NewRequest(method, ec.base+path, body)
	if err != nil {
		ec.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if ec.csrf != "" {
		req.Header.Set(web.CSRFHeader, ec.csrf)
	}
	resp, err := ec.c.Do(req)
	if err != nil {
		ec.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// json sends in (when not nil) as JSON, decodes the answer into out and
// returns the status.
func (ec *editorClient) json(method, path string, in, out any) int {
	ec.t.Helper()
	var body io.Reader
	if in != nil {
		b, _ := json.Marshal(in)
		body = bytes.NewReader(b)
	}
	resp, b := ec.raw(method, path, "application/json", body)
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(b, out); err != nil {
			ec.t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
	return resp.StatusCode
}

type apiArticle struct {
	Slug      string   `json:"slug"`
	Title     string   `json:"title"`
	Body      string   `json:"body"`
	Tags      []string `json:"tags"`
	Questions []string `json:"questions"`
	Lang      string   `json:"lang"`
	Version   int      `json:"version"`
	State     string   `json:"state"`
	Published bool     `json:"published"`
	Pending   bool     `json:"pending"`
	Author    string   `json:"author"`
}

// ask runs a customer's question through the conversation API.
func (e *editorEnv) ask(t *testing.T, q string) los.Result {
	t.Helper()
	var conv struct{ ID, Token string }
	resp, err := http.Post(e.srv.URL+"/api/v1/conversations", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(resp.Body).Decode(&conv)
	resp.Body.Close()
	b, _ := json.Marshal(map[string]string{"text": q})
	req, _ := http.NewRequest("POST", e.srv.URL+"/api/v1/conversations/"+conv.ID+"/messages", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+conv.Token)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var res los.Result
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		t.Fatal(err)
	}
	return res
}

func (e *editorEnv) found(t *testing.T, q, slug string) bool {
	t.Helper()
	hits, err := e.ix.Search(context.Background(), q, kb.SearchOptions{Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if h.Slug == slug {
			return true
		}
	}
	return false
}
