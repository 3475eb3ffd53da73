package web_test

import (
	"context"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/apertium"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/kb"
)

// realApertium is the installed Apertium; outside CI a machine without
// apertium-nno-nob skips, under CI=true it fails.
func realApertium(t *testing.T) *apertium.Translator {
	t.Helper()
	tr := apertium.New(apertium.Options{Keep: []string{"Los"}, Timeout: 30 * time.Second})
	if err := tr.Available(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI needs apertium-nno-nob: %v", err)
		}
		t.Skipf("apertium-nno-nob not installed: %v", err)
	}
	t.Cleanup(func() { tr.Close() })
	return tr
}

func twinsEnv(t *testing.T, tr interface {
	Translate(ctx context.Context, from, to los.Standard, text string) (string, error)
	Available() error
}) *editorEnv {
	// A clock a second on at every reading, so publications never share a
	// millisecond.
	var mu sync.Mutex
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		at = at.Add(time.Second)
		return at
	}
	st := newTestStack(t, stackOptions{validate: true, clock: clock,
		users: map[string]auth.Role{"eva@example.no": auth.RoleEditor},
		deps:  func(d *siteDeps) { d.Translator = tr }})
	return &editorEnv{srv: st.srv, db: st.db, ix: st.ix}
}

type apiTwins struct {
	Group string `json:"group"`
	Twins []struct {
		apiArticle
		HTML         string `json:"html"`
		MachineDraft bool   `json:"machine_draft"`
		Newer        *struct {
			Slug string `json:"slug"`
		} `json:"newer"`
	} `json:"twins"`
	Drafts      []string `json:"drafts"`
	Unavailable string   `json:"unavailable"`
	Candidates  []struct {
		Slug string `json:"slug"`
	} `json:"candidates"`
}

// TestEditorDraftTwin: "Lag nynorskutkast" makes a Nynorsk draft twin by
// real machine translation; customers see nothing of it until an editor
// publishes it (example questions translated too); then a Nynorsk
// question is answered from it, and a later change to the Bokmål article
// marks it as older.
func TestEditorDraftTwin(t *testing.T) {
	e := twinsEnv(t, realApertium(t))
	ec := e.signIn(t, "eva@example.no")
	const src = "endre-forfallsdato"
	var tw apiTwins
	if st := ec.json("GET", "/api/v1/articles/"+src+"/twins", nil, &tw); st != http.StatusOK {
		t.Fatalf("twins: %d", st)
	}
	if len(tw.Twins) != 1 || strings.Join(tw.Drafts, ",") != "nn" || tw.Unavailable != "" {
		t.Fatalf("before: %+v", tw)
	}
	var d apiArticle
	if st := ec.json("POST", "/api/v1/articles/"+src+"/translate", map[string]string{"lang": "nn"}, &d); st != http.StatusCreated {
		t.Fatalf("translate: %d", st)
	}
	if d.Lang != "nn" || d.State != "draft" || d.Published || d.Author != "eva@example.no" || d.Slug == src {
		t.Fatalf("draft = %+v", d)
	}
	if !strings.Contains(d.Body, "ikkje") {
		t.Errorf("the draft reads %q", d.Body)
	}
	if len(d.Tags) == 0 {
		t.Error("keywords lost")
	}
	// The example questions come along, translated.
	if len(d.Questions) < 5 || !strings.Contains(strings.Join(d.Questions, "\n"), "noko") {
		t.Errorf("the draft's example questions: %q", d.Questions)
	}
	ask := func(q string) bool {
		hits, err := e.ix.Search(context.Background(), q, kb.SearchOptions{Lang: los.Nynorsk})
		if err != nil {
			t.Fatal(err)
		}
		return len(hits) > 0 && hits[0].Slug == d.Slug
	}
	const q = "Korleis endrar eg forfallsdatoen?"
	if ask(q) {
		t.Fatal("customers are answered from an unpublished machine translation")
	}
	if st := ec.json("GET", "/api/v1/articles/"+src+"/twins", nil, &tw); st != http.StatusOK || len(tw.Twins) != 2 ||
		tw.Twins[1].Slug != d.Slug || !tw.Twins[1].MachineDraft || len(tw.Drafts) != 0 || tw.Twins[1].HTML == "" {
		t.Fatalf("after the draft: %d %+v", st, tw)
	}
	if st := ec.json("POST", "/api/v1/articles/"+src+"/translate", map[string]string{"lang": "nn"}, nil); st != http.StatusConflict {
		t.Errorf("a second Nynorsk twin: %d", st)
	}
	if st := ec.json("POST", "/api/v1/articles/"+d.Slug+"/publish", map[string]int{"version": d.Version}, &d); st != http.StatusOK {
		t.Fatalf("publish: %d", st)
	}
	if !ask(q) {
		t.Error("the published Nynorsk twin does not answer a Nynorsk question")
	}
	var a apiArticle
	ec.json("GET", "/api/v1/articles/"+src, nil, &a)
	if st := ec.json("PUT", "/api/v1/articles/"+src, map[string]any{"version": a.Version, "title": a.Title, "body": a.Body + "\n\nNytt avsnitt.", "tags": a.Tags, "lang": a.Lang}, &a); st != http.StatusOK {
		t.Fatalf("save: %d", st)
	}
	if st := ec.json("POST", "/api/v1/articles/"+src+"/publish", map[string]int{"version": a.Version}, nil); st != http.StatusOK {
		t.Fatalf("publish source: %d", st)
	}
	ec.json("GET", "/api/v1/articles/"+d.Slug+"/twins", nil, &tw)
	if tw.Twins[0].Newer == nil || tw.Twins[0].Newer.Slug != src || tw.Twins[0].MachineDraft {
		t.Errorf("the Nynorsk twin after the Bokmål one changed: %+v", tw.Twins[0])
	}
}

// TestEditorTwinsWithoutApertium: the draft buttons' data says why they
// cannot work, and a translation request gets 503 with that text.
func TestEditorTwinsWithoutApertium(t *testing.T) {
	e := twinsEnv(t, apertium.New(apertium.Options{Modes: t.TempDir()}))
	ec := e.signIn(t, "eva@example.no")
	var tw apiTwins
	ec.json("GET", "/api/v1/articles/endre-forfallsdato/twins", nil, &tw)
	if !strings.Contains(tw.Unavailable, "apertium-nno-nob") || strings.Join(tw.Drafts, ",") != "nn" {
		t.Fatalf("twins without Apertium: %+v", tw)
	}
	resp, body := ec.raw("POST", "/api/v1/articles/endre-forfallsdato/translate", "application/json", strings.NewReader(`{"lang":"nn"}`))
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "apertium-nno-nob") {
		t.Errorf("translate without Apertium: %d %s", resp.StatusCode, body)
	}
	if _, err := e.db.EditorArticle(context.Background(), "endre-forfallsdato-nn"); los.ErrorCode(err) != los.ENOTFOUND {
		t.Error("a draft was made without a translation")
	}
}

// TestEditorLinkTwins: linking two demo articles shows at once in search
// (the Nynorsk customer gets the Nynorsk twin); unlinking undoes it.
func TestEditorLinkTwins(t *testing.T) {
	e := twinsEnv(t, nil)
	ec := e.signIn(t, "eva@example.no")
	var tw apiTwins
	ec.json("GET", "/api/v1/articles/spare-straum/twins", nil, &tw)
	if tw.Unavailable == "" || len(tw.Drafts) != 1 {
		t.Errorf("without a translator: %+v", tw)
	}
	found := false
	for _, c := range tw.Candidates {
		found = found || c.Slug == "stromavtaler-og-priser"
		if c.Slug == "straum-pa-hytta" || c.Slug == "dodsfall-og-dodsbo" {
			t.Errorf("candidate %s: same standard, or its group has a Nynorsk article", c.Slug)
		}
	}
	if !found {
		t.Errorf("candidates lack a Bokmål article without twins: %+v", tw.Candidates)
	}
	if st := ec.json("POST", "/api/v1/articles/spare-straum/twins", map[string]string{"twin": "dodsfall-og-dodsbo"}, nil); st != http.StatusConflict {
		t.Errorf("linking into a group with a Nynorsk article: %d", st)
	}
	if st := ec.json("POST", "/api/v1/articles/spare-straum/twins", map[string]string{"twin": "elbil-lading"}, &tw); st != http.StatusOK || len(tw.Twins) != 2 || tw.Group != "elbil-lading" {
		t.Fatalf("link: %d %+v", st, tw)
	}
	hits, _ := e.ix.Search(context.Background(), "Lade elbil hjemme", kb.SearchOptions{Lang: los.Nynorsk})
	if len(hits) == 0 || hits[0].Slug != "spare-straum" {
		t.Errorf("after linking, a Nynorsk search for the Bokmål article's title: %v", hits)
	}
	if st := ec.json("DELETE", "/api/v1/articles/spare-straum/twins", nil, &tw); st != http.StatusOK || len(tw.Twins) != 1 {
		t.Fatalf("unlink: %d %+v", st, tw)
	}
	hits, _ = e.ix.Search(context.Background(), "Lade elbil hjemme", kb.SearchOptions{Lang: los.Nynorsk})
	if len(hits) == 0 || hits[0].Slug != "elbil-lading" {
		t.Errorf("after unlinking: %v", hits)
	}
}
