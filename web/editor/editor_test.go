package editor_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/web/editor"
	"github.com/los-bot/los/web/webtest"
)

// The editor against fakes of the store and the index: a change customers
// see reaches the index after the store, stamped with the store's
// revision; what the store refuses never reaches the index. The editor
// against the real store and index is tested in web's tests.

var now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func TestPublishUpdatesTheIndexAfterTheStore(t *testing.T) {
	var steps []string
	live := kb.Article{Slug: "faktura", Title: "Faktura", Body: "Betal innen fristen.", Lang: los.Bokmal, Published: true}
	store := &fakeArticles{
		PublishFunc: func(_ context.Context, slug string, base int, author string) (kb.EditorArticle, error) {
			steps = append(steps, "store.publish "+slug+" by "+author)
			if base != 3 {
				return kb.EditorArticle{}, &los.Error{Code: los.ECONFLICT, Message: "someone saved since"}
			}
			return kb.EditorArticle{Article: live, Version: 3, PublishedVersion: 3, State: kb.StatePublished}, nil
		},
		ArchiveFunc: func(_ context.Context, slug string) (kb.EditorArticle, error) {
			steps = append(steps, "store.archive "+slug)
			return kb.EditorArticle{Article: kb.Article{Slug: slug, Title: "Faktura", Lang: los.Bokmal}, Version: 3, State: kb.StateArchived}, nil
		},
		ArticleFunc: func(_ context.Context, slug string) (kb.Article, error) {
			if len(steps) > 0 && strings.HasPrefix(steps[0], "store.archive") {
				a := live
				a.Published = false
				return a, nil
			}
			return live, nil
		},
		KBRevisionFunc: func(context.Context) (string, error) { return "rev-42", nil },
	}
	ix := &fakeIndex{
		PutFunc: func(_ context.Context, a kb.Article) error {
			steps = append(steps, "index.put "+a.Slug)
			return nil
		},
		DeleteFunc: func(_ context.Context, slug string) error {
			steps = append(steps, "index.delete "+slug)
			return nil
		},
		SetStampFunc: func(_ context.Context, stamp string) error {
			steps = append(steps, "index.stamp "+stamp)
			return nil
		},
	}
	accounts, key := webtest.WithKey("kb-robot", auth.ScopeKBWrite)
	s := webtest.Server(accounts, now)
	editor.Routes(s, editor.Deps{Articles: store, Index: ix})
	h := s.Handler()
	bearer := []string{"Authorization", "Bearer " + key}

	tests := []struct {
		name, path, body string
		status           int
		steps            []string
	}{
		{"publish", "/api/v1/articles/faktura/publish", `{"version":3}`, 200,
			[]string{"store.publish faktura by key:kb-robot", "index.put faktura", "index.stamp rev-42"}},
		{"a stale publish leaves the index alone", "/api/v1/articles/faktura/publish", `{"version":2}`, 409,
			[]string{"store.publish faktura by key:kb-robot"}},
		{"archive takes it out of search", "/api/v1/articles/faktura/archive", "", 200,
			[]string{"store.archive faktura", "index.delete faktura", "index.stamp rev-42"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			steps = nil
			rec := webtest.Do(h, "POST", tt.path, tt.body, bearer...)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if !slices.Equal(steps, tt.steps) {
				t.Errorf("steps\n got %q\nwant %q", steps, tt.steps)
			}
		})
	}
}

func TestSynonymsWithFakes(t *testing.T) {
	var stored []string
	var applied *kb.Synonyms
	store := &fakeArticles{SetSynonymsFunc: func(_ context.Context, text, author string) (kb.StoredSynonyms, error) {
		stored = append(stored, text)
		return kb.StoredSynonyms{Text: text, Author: author, Updated: now}, nil
	}}
	ix := &fakeIndex{
		SynonymsFunc:    func() *kb.Synonyms { return kb.DefaultSynonyms() },
		SetSynonymsFunc: func(s *kb.Synonyms) { applied = s },
	}
	accounts, key := webtest.WithKey("kb-robot", auth.ScopeKBWrite)
	s := webtest.Server(accounts, now)
	editor.Routes(s, editor.Deps{Articles: store, Index: ix})
	bearer := []string{"Authorization", "Bearer " + key, "Accept-Language", "nn"}

	// A body without "text" is refused and wipes nothing (it wiped
	// every group before).
	for _, body := range []string{`{}`, `{"synonyms":"faktura = rekning"}`, `{"text":null}`} {
		rec := webtest.Do(s.Handler(), "PUT", "/api/v1/editor/synonyms", body, bearer...)
		if rec.Code != http.StatusUnprocessableEntity || stored != nil || applied != nil || !strings.Contains(rec.Body.String(), "Ingenting vart endra") {
			t.Fatalf("PUT %s: status %d %s; stored %q", body, rec.Code, rec.Body, stored)
		}
	}
	rec := webtest.Do(s.Handler(), "PUT", "/api/v1/editor/synonyms", `{"text":"faktura = rekning\nbare ett ord\n"}`, bearer...)
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `"line":2`) || stored != nil || applied != nil {
		t.Fatalf("a bad line: status %d %s; stored %q", rec.Code, rec.Body, stored)
	}
	rec = webtest.Do(s.Handler(), "PUT", "/api/v1/editor/synonyms", `{"text":"faktura = rekning\r\n"}`, bearer...)
	if rec.Code != http.StatusOK || len(stored) != 1 || stored[0] != "faktura = rekning\n" || applied == nil {
		t.Fatalf("good synonyms: status %d %s; stored %q, applied %v", rec.Code, rec.Body, stored, applied != nil)
	}
	if got := applied.Groups(); len(got) != 1 || !slices.Contains(got[0], "rekning") {
		t.Errorf("the index got %v", got)
	}
}
