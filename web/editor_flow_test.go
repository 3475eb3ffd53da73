package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

const (
	testQuestion = "Kan jeg betale med sjokoladepenger i kantina?"
	testSlug     = "sjokoladepenger"
)

var firstBody = "## Sjokoladepenger\n\nVi tar imot sjokoladepenger i kantina hver fredag."

func TestEditorPublishIsCitableAtOnce(t *testing.T) {
	e := newEditorEnv(t)
	ec := e.signIn(t, "eva@example.no")
	var a apiArticle
	if st := ec.json("POST", "/api/v1/articles", map[string]any{"title": "Sjokoladepenger", "body": firstBody, "tags": []string{"betaling"}}, &a); st != http.StatusCreated {
		t.Fatalf("create: %d", st)
	}
	if a.Slug != testSlug || a.Version != 1 || a.State != "draft" || a.Author != "eva@example.no" {
		t.Fatalf("created = %+v", a)
	}
	if e.found(t, testQuestion, testSlug) {
		t.Fatal("a draft is searchable")
	}

	start := time.Now()
	if st := ec.json("POST", "/api/v1/articles/"+testSlug+"/publish", map[string]int{"version": 1}, &a); st != http.StatusOK {
		t.Fatalf("publish: %d", st)
	}
	if !e.found(t, testQuestion, testSlug) {
		t.Fatal("the article is not searchable right after publishing")
	}
	searchable := time.Since(start)
	res := e.ask(t, testQuestion)
	citable := time.Since(start)
	if len(res.Citations) == 0 || res.Citations[0] != testSlug || !strings.Contains(res.Answer, "sjokoladepenger") {
		t.Fatalf("answer after publishing = %q citing %v", res.Answer, res.Citations)
	}
	t.Logf("publish request -> searchable: %v; -> cited in a chat answer: %v", searchable, citable)
	if citable > time.Second {
		t.Errorf("publish to citable took %v; the limit is 1 s", citable)
	}
	if stamp, _ := e.db.KBRevision(context.Background()); e.ix.Stamp() != stamp {
		t.Errorf("index stamp %q, store revision %q", e.ix.Stamp(), stamp)
	}

	// A draft edit of a published article does not change what customers see.
	edited := strings.Replace(firstBody, "hver fredag", "hver mandag", 1)
	if st := ec.json("PUT", "/api/v1/articles/"+testSlug, map[string]any{"version": a.Version, "title": a.Title, "body": edited, "tags": a.Tags, "lang": a.Lang}, &a); st != http.StatusOK {
		t.Fatalf("save: %d", st)
	}
	if !a.Pending || a.Version != 2 {
		t.Errorf("after a draft edit: %+v", a)
	}
	if res := e.ask(t, testQuestion); !strings.Contains(res.Answer, "fredag") {
		t.Errorf("customers got the unpublished edit: %q", res.Answer)
	}
}

func TestEditorStaleSaveIsAConflict(t *testing.T) {
	e := newEditorEnv(t)
	eva := e.signIn(t, "eva@example.no")
	var a apiArticle
	eva.json("POST", "/api/v1/articles", map[string]any{"slug": "konflikt", "title": "Konflikt", "body": "Første"}, &a)
	save := func(body string, version int) int {
		return eva.json("PUT", "/api/v1/articles/konflikt", map[string]any{"version": version, "title": "Konflikt", "body": body}, nil)
	}
	if st := save("Andre", 1); st != http.StatusOK {
		t.Fatalf("first save: %d", st)
	}
	if st := save("Tredje, basert på versjon 1", 1); st != http.StatusConflict {
		t.Errorf("stale save: %d, want 409", st)
	}
	if st := save("Uten versjon", 0); st != http.StatusUnprocessableEntity {
		t.Errorf("save without version: %d, want 422", st)
	}
	eva.json("GET", "/api/v1/articles/konflikt", nil, &a)
	if a.Body != "Andre" || a.Version != 2 {
		t.Errorf("after the stale save: %+v", a)
	}
}

func TestEditorRollbackRestoresOldText(t *testing.T) {
	e := newEditorEnv(t)
	ec := e.signIn(t, "eva@example.no")
	var a apiArticle
	ec.json("POST", "/api/v1/articles", map[string]any{"title": "Sjokoladepenger", "body": firstBody}, &a)
	ec.json("POST", "/api/v1/articles/"+testSlug+"/publish", nil, &a)
	changed := "## Sjokoladepenger\n\nSjokoladepenger tas ikke lenger imot i kantina."
	ec.json("PUT", "/api/v1/articles/"+testSlug, map[string]any{"version": 1, "title": a.Title, "body": changed}, &a)
	ec.json("POST", "/api/v1/articles/"+testSlug+"/publish", map[string]int{"version": 2}, &a)
	if res := e.ask(t, testQuestion); !strings.Contains(res.Answer, "ikke lenger") {
		t.Fatalf("after publishing version 2: %q", res.Answer)
	}

	if st := ec.json("POST", "/api/v1/articles/"+testSlug+"/rollback", map[string]any{"version": 1, "base_version": 2, "publish": true}, &a); st != http.StatusOK {
		t.Fatalf("rollback: %d", st)
	}
	if a.Version != 3 || a.Body != firstBody || !a.Published || a.Pending {
		t.Errorf("after rollback: %+v", a)
	}
	if res := e.ask(t, testQuestion); !strings.Contains(res.Answer, "hver fredag") {
		t.Errorf("customers do not get the old text back: %q", res.Answer)
	}
	var vs struct {
		Versions []struct {
			Version int    `json:"version"`
			Action  string `json:"action"`
			Source  int    `json:"source"`
			Live    bool   `json:"live"`
		} `json:"versions"`
	}
	ec.json("GET", "/api/v1/articles/"+testSlug+"/versions", nil, &vs)
	if len(vs.Versions) != 3 || vs.Versions[0].Action != "rollback" || vs.Versions[0].Source != 1 || !vs.Versions[0].Live {
		t.Errorf("versions = %+v", vs.Versions)
	}
	var d struct {
		Added, Removed int
		Lines          []struct{ Op, Text string }
	}
	ec.json("GET", "/api/v1/articles/"+testSlug+"/diff?from=2&to=3", nil, &d)
	if d.Added != 1 || d.Removed != 1 {
		t.Errorf("diff 2->3: +%d -%d, %+v", d.Added, d.Removed, d.Lines)
	}
}

func TestEditorDeleteArchiveHideFromCustomers(t *testing.T) {
	e := newEditorEnv(t)
	ec := e.signIn(t, "eva@example.no")
	var a apiArticle
	ec.json("POST", "/api/v1/articles", map[string]any{"title": "Sjokoladepenger", "body": firstBody}, &a)
	ec.json("POST", "/api/v1/articles/"+testSlug+"/publish", nil, &a)
	tests := []struct {
		name, hide, hideMethod, show string
	}{
		{"delete and restore", "/api/v1/articles/" + testSlug, "DELETE", "/api/v1/articles/" + testSlug + "/restore"},
		{"archive and publish", "/api/v1/articles/" + testSlug + "/archive", "POST", "/api/v1/articles/" + testSlug + "/publish"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if st := ec.json(tt.hideMethod, tt.hide, nil, &a); st != http.StatusOK || a.Published {
				t.Fatalf("hide: %d %+v", st, a)
			}
			if e.found(t, testQuestion, testSlug) {
				t.Error("search still finds the hidden article")
			}
			if resp, _ := ec.raw("GET", "/artikler/"+testSlug, "", nil); resp.StatusCode != http.StatusNotFound {
				t.Errorf("customer page of a hidden article: %d", resp.StatusCode)
			}
			if st := ec.json("POST", tt.show, nil, &a); st != http.StatusOK || !a.Published {
				t.Fatalf("show again: %d %+v", st, a)
			}
			if !e.found(t, testQuestion, testSlug) {
				t.Error("search does not find the article shown again")
			}
		})
	}
}

func TestEditorNeedsAnEditor(t *testing.T) {
	e := newEditorEnv(t)
	anon := &editorClient{t: t, base: e.srv.URL, c: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
	agent := e.signIn(t, "kari@example.no")
	eva := e.signIn(t, "eva@example.no")
	noCSRF := *eva
	noCSRF.csrf = ""
	tests := []struct {
		name   string
		c      *editorClient
		method string
		path   string
		want   int
	}{
		{"anonymous API", anon, "GET", "/api/v1/articles", http.StatusUnauthorized},
		{"anonymous page", anon, "GET", "/editor", http.StatusSeeOther},
		{"agent API", agent, "GET", "/api/v1/articles", http.StatusForbidden},
		{"agent page", agent, "GET", "/editor", http.StatusForbidden},
		{"editor without CSRF token", &noCSRF, "POST", "/api/v1/articles", http.StatusForbidden},
		{"editor API", eva, "GET", "/api/v1/articles", http.StatusOK},
		{"editor page", eva, "GET", "/editor/articles/betale-faktura/history", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, _ := tt.c.raw(tt.method, tt.path, "application/json", strings.NewReader(`{"title":"x","body":"y"}`))
			if resp.StatusCode != tt.want {
				t.Errorf("%s %s: %d, want %d", tt.method, tt.path, resp.StatusCode, tt.want)
			}
			if tt.want == http.StatusSeeOther && !strings.HasPrefix(resp.Header.Get("Location"), "/agent/login?next=%2Feditor") {
				t.Errorf("redirect to %q", resp.Header.Get("Location"))
			}
		})
	}
}
