package web_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// cites is the articles the answer to a customer's question cites.
func (e *editorEnv) cites(t *testing.T, text string) []string {
	t.Helper()
	return e.ask(t, text).Citations
}

// TestEditorGapToArticle: a question the knowledge base does not answer
// well (here: it quotes another article, and the customer gives it a
// thumbs down) shows up among the content gaps with an article
// suggested; the editor adds it to an article in one request, the live
// article is published with it, and the same wording then finds that
// article.
func TestEditorGapToArticle(t *testing.T) {
	e := newEditorEnv(t)
	const q = "Kan jeg betale regningen med Vipps?"
	const slug = "papirfaktura-og-fakturagebyr" // where the ways of paying are chosen
	env := &env{srv: e.srv, db: e.db}
	id, token := env.start(t)
	resp, b := env.do(t, "POST", "/api/v1/conversations/"+id+"/messages", token, `{"text":"`+q+`"}`)
	var before struct {
		Citations []string
		MessageID int64 `json:"message_id"`
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal(b, &before) != nil {
		t.Fatalf("ask: %d %s", resp.StatusCode, b)
	}
	if len(before.Citations) > 0 && before.Citations[0] == slug {
		t.Fatalf("before: %q already cites %s", q, slug)
	}
	if len(before.Citations) > 0 {
		resp, b = env.do(t, "POST", "/api/v1/conversations/"+id+"/feedback", token, `{"message_id":`+jsonInt(before.MessageID)+`,"rating":-1}`)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("feedback: %d %s", resp.StatusCode, b)
		}
	}

	ec := e.signIn(t, "eva@example.no")
	var gaps struct {
		Groups []struct {
			Question string
			Suggest  *struct{ Slug, Title string }
		}
	}
	if st := ec.json("GET", "/api/v1/editor/gaps", nil, &gaps); st != http.StatusOK || len(gaps.Groups) != 1 {
		t.Fatalf("gaps: %d %+v", st, gaps)
	}
	g := gaps.Groups[0]
	if g.Question != q || g.Suggest == nil || g.Suggest.Slug == "" || g.Suggest.Title == "" {
		t.Fatalf("gap %+v, want the question with a suggested article", g)
	}

	var a apiArticle
	if st := ec.json("POST", "/api/v1/articles/"+slug+"/questions", map[string]string{"question": g.Question}, &a); st != http.StatusOK {
		t.Fatalf("add question: %d", st)
	}
	if !slices.Contains(a.Questions, q) || !a.Published || a.Pending {
		t.Fatalf("after adding: published %v pending %v questions %q", a.Published, a.Pending, a.Questions)
	}
	if got := e.cites(t, q); len(got) == 0 || got[0] != slug {
		t.Errorf("after: %q cites %v, want %s first", q, got, slug)
	}

	var versions struct {
		Versions []struct{ Action, Author string }
	}
	if st := ec.json("GET", "/api/v1/articles/"+slug+"/versions", nil, &versions); st != http.StatusOK ||
		versions.Versions[0].Action != "question" || versions.Versions[0].Author != "eva@example.no" {
		t.Errorf("versions: %d %+v", st, versions)
	}
	if st := ec.json("POST", "/api/v1/articles/"+slug+"/questions", map[string]string{"question": " "}, nil); st != http.StatusUnprocessableEntity {
		t.Errorf("empty question: %d, want 422", st)
	}
	if st := ec.json("POST", "/api/v1/articles/finnes-ikke/questions", map[string]string{"question": q}, nil); st != http.StatusNotFound {
		t.Errorf("unknown article: %d, want 404", st)
	}
}

// TestEditorEditsQuestions: the article form's example questions are
// saved with the article, kept by a save that does not send them, removed
// by an empty list, and a published question finds the article.
func TestEditorEditsQuestions(t *testing.T) {
	e := newEditorEnv(t)
	ec := e.signIn(t, "eva@example.no")
	var a apiArticle
	in := map[string]any{"title": "Gavekort", "body": "Vi selger ikke gavekort.", "lang": "nb",
		"questions": []string{"Selger dere gavekort til jul?", "  "}}
	if st := ec.json("POST", "/api/v1/articles", in, &a); st != http.StatusCreated || !slices.Equal(a.Questions, []string{"Selger dere gavekort til jul?"}) {
		t.Fatalf("create: %d %+v", st, a)
	}
	if st := ec.json("PUT", "/api/v1/articles/"+a.Slug, map[string]any{"title": "Gavekort", "body": "Vi selger ikke gavekort ennå.",
		"lang": "nb", "version": a.Version}, &a); st != http.StatusOK || len(a.Questions) != 1 {
		t.Fatalf("a save without questions: %d %q", st, a.Questions)
	}
	if st := ec.json("POST", "/api/v1/articles/"+a.Slug+"/publish", map[string]int{"version": a.Version}, &a); st != http.StatusOK {
		t.Fatalf("publish: %d", st)
	}
	if got := e.cites(t, "selger dere gavekort til jul"); len(got) == 0 || got[0] != a.Slug {
		t.Errorf("the example question's wording cites %v, want %s", got, a.Slug)
	}
	if st := ec.json("PUT", "/api/v1/articles/"+a.Slug, map[string]any{"title": "Gavekort", "body": "Vi selger ikke gavekort ennå.",
		"lang": "nb", "version": a.Version, "questions": []string{}}, &a); st != http.StatusOK || len(a.Questions) != 0 || !a.Pending {
		t.Errorf("an empty list: %d %q pending %v", st, a.Questions, a.Pending)
	}
	var d struct {
		Changed []string
		Old     struct{ Questions string }
	}
	if st := ec.json("GET", "/api/v1/articles/"+a.Slug+"/diff", nil, &d); st != http.StatusOK ||
		!slices.Contains(d.Changed, "questions") || !strings.Contains(d.Old.Questions, "gavekort til jul") {
		t.Errorf("diff: %d %+v", st, d)
	}
}
