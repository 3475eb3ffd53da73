package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
)

func TestEditorSynonymsTakeEffect(t *testing.T) {
	e := newEditorEnv(t)
	ec := e.signIn(t, "eva@example.no")
	ec.json("POST", "/api/v1/articles", map[string]any{"title": "Sjokoladepenger", "body": firstBody}, nil)
	ec.json("POST", "/api/v1/articles/"+testSlug+"/publish", nil, nil)
	const q = "Godtas gullmynter?"
	if e.found(t, q, testSlug) {
		t.Fatal("found before the synonym exists")
	}

	tests := []struct {
		name     string
		text     string
		wantLine int
	}{
		{"no equals sign", "regning = faktura\ngullmynter sjokoladepenger\n", 2},
		{"empty member", "# kommentar\n\ngullmynter = = sjokoladepenger\n", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := ec.raw("PUT", "/api/v1/editor/synonyms", "application/json", strings.NewReader(mustJSON(map[string]string{"text": tt.text})))
			var got struct {
				Error struct{ Display string }
				Line  int
			}
			json.Unmarshal(body, &got)
			if resp.StatusCode != http.StatusUnprocessableEntity || got.Line != tt.wantLine || !strings.Contains(got.Error.Display, "Linje") {
				t.Errorf("%d %s; want 422 naming line %d", resp.StatusCode, body, tt.wantLine)
			}
		})
	}

	var saved struct {
		Stored bool
		Groups int
	}
	if st := ec.json("PUT", "/api/v1/editor/synonyms", map[string]string{"text": "regning = faktura\ngullmynter = sjokoladepenger\n"}, &saved); st != http.StatusOK || !saved.Stored || saved.Groups != 2 {
		t.Fatalf("save synonyms: %d %+v", st, saved)
	}
	if !e.found(t, q, testSlug) {
		t.Error("the new synonym does not take effect in search")
	}
	var got struct{ Text string }
	ec.json("GET", "/api/v1/editor/synonyms", nil, &got)
	if got.Text != "regning = faktura\ngullmynter = sjokoladepenger\n" {
		t.Errorf("stored synonyms = %q", got.Text)
	}
}

func mustJSON(v any) string { b, _ := json.Marshal(v); return string(b) }

func TestEditorGapsGroupSimilarQuestions(t *testing.T) {
	e := newEditorEnv(t)
	ctx := context.Background()
	n := 0
	turn := func(q string, noAnswer bool, rating int) {
		t.Helper()
		n++
		id := "c" + string(rune('a'+n))
		if err := e.db.CreateConversation(ctx, &los.Conversation{ID: id, TokenHash: []byte{byte(n)}}); err != nil {
			t.Fatal(err)
		}
		c := &los.Message{ConversationID: id, Role: los.RoleCustomer, Text: q, Created: time.Now()}
		r := &los.Message{ConversationID: id, Role: los.RoleBot, Text: "svar", Created: time.Now(), NoAnswer: noAnswer}
		if err := e.db.AddTurn(ctx, c, r); err != nil {
			t.Fatal(err)
		}
		if rating != 0 {
			if err := e.db.RateMessage(ctx, id, r.ID, rating); err != nil {
				t.Fatal(err)
			}
		}
	}
	turn("Kan jeg betale med bitcoin?", true, 0)
	turn("kan jeg betale med Bitcoin", true, 0)
	turn("Betale med bitcoin?", false, -1)
	turn("Hvor er nærmeste ladestasjon for elbil?", true, 0)
	turn("Hva koster strømmen?", false, 1) // answered and liked: no gap
	turn("Hvor finner jeg en ladestasjon for elbil?", true, 0)
	turn("Har dere rabatt for studenter?", true, 0)

	ec := e.signIn(t, "eva@example.no")
	var got struct {
		Questions int
		Groups    []struct {
			Question   string
			Count      int
			NoAnswer   int `json:"no_answer"`
			ThumbsDown int `json:"thumbs_down"`
			Examples   []string
		}
	}
	if st := ec.json("GET", "/api/v1/editor/gaps?days=7", nil, &got); st != http.StatusOK {
		t.Fatalf("gaps: %d", st)
	}
	if got.Questions != 6 || len(got.Groups) != 3 {
		t.Fatalf("gaps = %+v; want 6 questions in 3 groups", got)
	}
	first, second := got.Groups[0], got.Groups[1]
	if first.Count != 3 || first.NoAnswer != 2 || first.ThumbsDown != 1 || !strings.Contains(strings.ToLower(first.Question), "bitcoin") {
		t.Errorf("largest group = %+v", first)
	}
	if second.Count != 2 || !strings.Contains(second.Question, "ladestasjon") {
		t.Errorf("second group = %+v", second)
	}
	if got.Groups[2].Count != 1 {
		t.Errorf("third group = %+v", got.Groups[2])
	}
}

func TestEditorQuestionTester(t *testing.T) {
	e := newEditorEnv(t)
	ec := e.signIn(t, "eva@example.no")
	ec.json("POST", "/api/v1/articles", map[string]any{"title": "Sjokoladepenger", "body": firstBody}, nil)
	type result struct {
		Query struct {
			Terms    []string
			Synonyms []struct{ Phrase string }
		}
		Hits []struct {
			Slug     string
			Coverage float64
			Draft    bool
			Used     bool
		}
		Answer los.Result
	}
	tests := []struct {
		name      string
		question  string
		drafts    bool
		wantSlug  string // first hit and citation; "" for none
		wantDraft bool
	}{
		{"published only", testQuestion, false, "", false},
		{"with drafts", testQuestion, true, testSlug, true},
		{"synonyms are shown", "Hvor sender jeg regningen?", false, "*", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r result
			if st := ec.json("POST", "/api/v1/editor/test", map[string]any{"question": tt.question, "drafts": tt.drafts}, &r); st != http.StatusOK {
				t.Fatalf("test: %d", st)
			}
			if len(r.Query.Terms) == 0 {
				t.Error("no terms shown")
			}
			switch tt.wantSlug {
			case "":
				for _, h := range r.Hits {
					if h.Slug == testSlug {
						t.Error("an unpublished draft was searched")
					}
				}
			case "*":
				if len(r.Query.Synonyms) == 0 {
					t.Errorf("no synonyms shown for %q", tt.question)
				}
			default:
				if len(r.Hits) == 0 || r.Hits[0].Slug != tt.wantSlug || r.Hits[0].Draft != tt.wantDraft || !r.Hits[0].Used {
					t.Errorf("hits = %+v", r.Hits)
				}
				if len(r.Answer.Citations) == 0 || r.Answer.Citations[0] != tt.wantSlug {
					t.Errorf("answer = %+v", r.Answer)
				}
			}
		})
	}
	if e.found(t, testQuestion, testSlug) {
		t.Error("testing with drafts published the draft")
	}
}

func TestEditorPreviewIsSanitized(t *testing.T) {
	e := newEditorEnv(t)
	ec := e.signIn(t, "eva@example.no")
	var got struct{ HTML string }
	body := "## Overskrift\n\n<script>alert(1)</script>\n\n[lenke](javascript:alert(1)) **fet**"
	if st := ec.json("POST", "/api/v1/editor/preview", map[string]string{"body": body}, &got); st != http.StatusOK {
		t.Fatalf("preview: %d", st)
	}
	if !strings.Contains(got.HTML, `<h2 id="overskrift">Overskrift</h2>`) || !strings.Contains(got.HTML, "<strong>fet</strong>") ||
		strings.Contains(got.HTML, "<script") || strings.Contains(got.HTML, "javascript:") {
		t.Errorf("preview = %s", got.HTML)
	}
}
