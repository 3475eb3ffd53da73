package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
)

func draft(slug, body string) kb.Article {
	return kb.Article{Slug: slug, Title: "Tittel " + slug, Body: body, Lang: los.Bokmal, Tags: []string{"faktura"}}
}

// customerView returns what customers see of slug: its body, or "" when
// they see nothing.
func customerView(t *testing.T, db Store, slug string) string {
	t.Helper()
	a, err := db.Article(context.Background(), slug)
	if los.ErrorCode(err) == los.ENOTFOUND || err == nil && !a.Published {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return a.Body
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func testEditorVersionsAndDrafts(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	ok := must[kb.EditorArticle](t)

	a := ok(db.CreateArticle(ctx, draft("betale", "Første tekst"), "ida@example.no"))
	if a.Version != 1 || a.State != kb.StateDraft || a.Published || a.Author != "ida@example.no" {
		t.Fatalf("created = %+v", a)
	}
	if got := customerView(t, db, "betale"); got != "" {
		t.Errorf("customers see a new draft: %q", got)
	}
	rev0, _ := db.KBRevision(ctx)
	a = ok(db.Publish(ctx, "betale", 1, "ida@example.no"))
	if a.State != kb.StatePublished || a.PublishedVersion != 1 || !a.Published {
		t.Fatalf("published = %+v", a)
	}
	if rev1, _ := db.KBRevision(ctx); rev1 == rev0 {
		t.Error("publishing did not move the knowledge-base revision")
	}
	if got := customerView(t, db, "betale"); got != "Første tekst" {
		t.Errorf("customers see %q after publishing", got)
	}

	a = ok(db.SaveArticle(ctx, draft("betale", "Andre tekst\r\n"), 1, "ola@example.no"))
	if a.Version != 2 || a.PublishedVersion != 1 || !a.Pending() || a.Body != "Andre tekst" {
		t.Fatalf("saved = %+v", a)
	}
	if got := customerView(t, db, "betale"); got != "Første tekst" {
		t.Errorf("a draft edit changed what customers see: %q", got)
	}
	same := ok(db.SaveArticle(ctx, draft("betale", "Andre tekst"), 2, "ola@example.no"))
	if same.Version != 2 {
		t.Errorf("saving unchanged content made version %d", same.Version)
	}

	vs, err := db.Versions(ctx, "betale")
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[0].Version != 2 || vs[0].Author != "ola@example.no" || vs[0].Action != "save" ||
		vs[1].Author != "ida@example.no" || vs[1].PublishedAt.IsZero() || !vs[0].PublishedAt.IsZero() {
		t.Errorf("versions = %+v", vs)
	}
}

func testEditorStaleSaveConflicts(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	if _, err := db.CreateArticle(ctx, draft("a", "v1"), "ida"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveArticle(ctx, draft("a", "v2 by ida"), 1, "ida"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		call func() error
	}{
		{"save", func() error { _, err := db.SaveArticle(ctx, draft("a", "v2 by ola"), 1, "ola"); return err }},
		{"publish", func() error { _, err := db.Publish(ctx, "a", 1, "ola"); return err }},
		{"rollback", func() error { _, err := db.Rollback(ctx, "a", 1, 1, "ola", false); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); los.ErrorCode(err) != los.ECONFLICT {
				t.Fatalf("stale %s: err = %v, want conflict", tt.name, err)
			}
			cur, err := db.EditorArticle(ctx, "a")
			if err != nil {
				t.Fatal(err)
			}
			if cur.Version != 2 || cur.Body != "v2 by ida" || cur.State != kb.StateDraft {
				t.Errorf("after a stale %s: %+v", tt.name, cur)
			}
		})
	}
	if _, err := db.CreateArticle(ctx, draft("a", "again"), "ola"); los.ErrorCode(err) != los.ECONFLICT {
		t.Errorf("creating a taken slug: err = %v, want conflict", err)
	}
}

func testEditorRollback(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	ok := must[kb.EditorArticle](t)
	ok(db.CreateArticle(ctx, draft("a", "gammel tekst"), "ida"))
	ok(db.Publish(ctx, "a", 1, "ida"))
	ok(db.SaveArticle(ctx, draft("a", "ny tekst"), 1, "ola"))
	ok(db.Publish(ctx, "a", 2, "ola"))
	if got := customerView(t, db, "a"); got != "ny tekst" {
		t.Fatalf("customers see %q", got)
	}

	a := ok(db.Rollback(ctx, "a", 1, 2, "kari", false))
	if a.Version != 3 || a.Body != "gammel tekst" || a.PublishedVersion != 2 {
		t.Errorf("rolled back (draft) = %+v", a)
	}
	if got := customerView(t, db, "a"); got != "ny tekst" {
		t.Errorf("an unpublished rollback changed what customers see: %q", got)
	}
	v, err := db.Version(ctx, "a", 3)
	if err != nil || v.Action != "rollback" || v.Source != 1 || v.Author != "kari" {
		t.Errorf("version 3 = %+v, %v", v, err)
	}
	ok(db.SaveArticle(ctx, draft("a", "tredje"), 3, "ida"))
	a = ok(db.Rollback(ctx, "a", 2, 0, "kari", true))
	if a.Version != 5 || a.PublishedVersion != 5 || a.Body != "ny tekst" {
		t.Errorf("rolled back and published = %+v", a)
	}
	if got := customerView(t, db, "a"); got != "ny tekst" {
		t.Errorf("customers see %q", got)
	}
	if _, err := db.Rollback(ctx, "a", 99, 0, "kari", false); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("rollback to a missing version: err = %v", err)
	}
}

func testEditorDeleteRestoreArchive(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	ok := must[kb.EditorArticle](t)
	ok(db.CreateArticle(ctx, draft("a", "tekst"), "ida"))
	ok(db.Publish(ctx, "a", 0, "ida"))
	ok(db.CreateArticle(ctx, draft("b", "utkast"), "ida"))

	a := ok(db.Delete(ctx, "a", "ola"))
	if a.Deleted.IsZero() || a.Published {
		t.Errorf("deleted = %+v", a)
	}
	if got := customerView(t, db, "a"); got != "" {
		t.Errorf("customers still see a deleted article: %q", got)
	}
	list := must[[]kb.EditorArticle](t)
	if l := list(db.EditorArticles(ctx, false)); len(l) != 1 || l[0].Slug != "b" {
		t.Errorf("list = %+v, want only b", l)
	}
	if l := list(db.EditorArticles(ctx, true)); len(l) != 1 || l[0].Slug != "a" {
		t.Errorf("bin = %+v, want only a", l)
	}
	if _, err := db.SaveArticle(ctx, draft("a", "x"), 0, "ola"); los.ErrorCode(err) != los.ECONFLICT {
		t.Errorf("saving an article in the bin: err = %v", err)
	}
	if _, err := db.CreateArticle(ctx, draft("a", "x"), "ola"); los.ErrorCode(err) != los.ECONFLICT {
		t.Errorf("reusing the slug of an article in the bin: err = %v", err)
	}

	a = ok(db.Restore(ctx, "a"))
	if !a.Deleted.IsZero() || a.State != kb.StatePublished || !a.Published {
		t.Errorf("restored = %+v", a)
	}
	if got := customerView(t, db, "a"); got != "tekst" {
		t.Errorf("customers see %q after restore", got)
	}

	a = ok(db.Archive(ctx, "a"))
	if a.State != kb.StateArchived || a.Published {
		t.Errorf("archived = %+v", a)
	}
	if got := customerView(t, db, "a"); got != "" {
		t.Errorf("customers see an archived article: %q", got)
	}
	a = ok(db.Unarchive(ctx, "a"))
	if a.State != kb.StateDraft || customerView(t, db, "a") != "" {
		t.Errorf("unarchived = %+v; it must come back as a draft", a)
	}
	if _, err := db.Delete(ctx, "missing", "ola"); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("deleting a missing article: err = %v", err)
	}
}

func testEditorAdoptsArticlesWrittenElsewhere(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return now })
	if err := db.ImportArticles(ctx, []kb.Article{
		{Slug: "demo", Title: "Demo", Body: "Fra demo", Lang: los.Bokmal, Published: true},
		{Slug: "skjult", Title: "Skjult", Body: "Utkast", Lang: los.Nynorsk},
	}); err != nil {
		t.Fatal(err)
	}
	a, err := db.EditorArticle(ctx, "demo")
	if err != nil || a.Version != 1 || a.State != kb.StatePublished || a.Body != "Fra demo" || a.Author != "" {
		t.Fatalf("adopted = %+v, %v", a, err)
	}
	if b, _ := db.EditorArticle(ctx, "skjult"); b.State != kb.StateDraft || b.Lang != los.Nynorsk {
		t.Errorf("adopted draft = %+v", b)
	}
	now = now.Add(time.Minute)
	if err := db.ImportArticles(ctx, []kb.Article{{Slug: "demo", Title: "Demo", Body: "Endret i fil", Lang: los.Bokmal, Published: true}}); err != nil {
		t.Fatal(err)
	}
	a, err = db.EditorArticle(ctx, "demo")
	if err != nil || a.Version != 2 || a.PublishedVersion != 2 || a.Body != "Endret i fil" {
		t.Errorf("after an outside change = %+v, %v", a, err)
	}
}

func testEditorImportAllOrNothing(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	ok := must[kb.EditorArticle](t)
	ok(db.CreateArticle(ctx, draft("same", "lik"), "ida"))
	ok(db.Publish(ctx, "same", 0, "ida"))
	ok(db.CreateArticle(ctx, draft("edit", "før"), "ida"))

	in := []kb.Article{
		withPublished(draft("same", "lik"), true),
		withPublished(draft("edit", "etter"), false),
		withPublished(draft("ny", "helt ny"), true),
	}
	plan, err := db.PlanImport(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]kb.ImportStatus{"same": kb.ImportUnchanged, "edit": kb.ImportChanged, "ny": kb.ImportNew}
	for _, c := range plan {
		if want[c.Slug] != c.Status {
			t.Errorf("plan %s = %s, want %s", c.Slug, c.Status, want[c.Slug])
		}
	}
	refused := los.Errorf(los.ECONFLICT, "changed since preview")
	if _, err := db.CommitImport(ctx, kb.Import{Articles: in, Author: "ola"}, func([]kb.ImportChange) error { return refused }); err != refused {
		t.Fatalf("refused commit: err = %v", err)
	}
	if _, err := db.EditorArticle(ctx, "ny"); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("a refused import wrote an article: %v", err)
	}
	if _, err := db.CommitImport(ctx, kb.Import{Articles: in, Author: "ola"}, nil); err != nil {
		t.Fatal(err)
	}
	if got := customerView(t, db, "ny"); got != "helt ny" {
		t.Errorf("imported published article: customers see %q", got)
	}
	if e, _ := db.EditorArticle(ctx, "edit"); e.Body != "etter" || e.Version != 2 || e.Published {
		t.Errorf("imported draft = %+v", e)
	}
	if s, _ := db.EditorArticle(ctx, "same"); s.Version != 1 {
		t.Errorf("an unchanged article got version %d", s.Version)
	}
}

func withPublished(a kb.Article, p bool) kb.Article { a.Published = p; return a }

func testEditorSynonymsAndGaps(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	if _, found, err := db.Synonyms(ctx); err != nil || found {
		t.Fatalf("synonyms before any were saved: found=%v err=%v", found, err)
	}
	if _, err := db.SetSynonyms(ctx, "regning = faktura", "ida"); err != nil {
		t.Fatal(err)
	}
	syn, found, err := db.Synonyms(ctx)
	if err != nil || !found || syn.Text != "regning = faktura" || syn.Author != "ida" {
		t.Errorf("synonyms = %+v, %v, %v", syn, found, err)
	}

	conv := &los.Conversation{ID: "c", TokenHash: []byte{1}}
	if err := db.CreateConversation(ctx, conv); err != nil {
		t.Fatal(err)
	}
	turn := func(q string, noAnswer bool) *los.Message {
		t.Helper()
		c := &los.Message{ConversationID: "c", Role: los.RoleCustomer, Text: q, Created: time.Now()}
		r := &los.Message{ConversationID: "c", Role: los.RoleBot, Text: "svar", Created: time.Now(), NoAnswer: noAnswer}
		if err := db.AddTurn(ctx, c, r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	turn("Kan jeg betale med bitcoin?", true)
	turn("Hva koster frakt?", false)
	bad := turn("Hvordan endrer jeg adresse?", false)
	if err := db.RateMessage(ctx, "c", bad.ID, -1); err != nil {
		t.Fatal(err)
	}
	qs, err := db.GapQuestions(ctx, time.Time{}, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 2 || qs[0].Text != "Hvordan endrer jeg adresse?" || !qs[0].ThumbsDown ||
		qs[1].Text != "Kan jeg betale med bitcoin?" || !qs[1].NoAnswer {
		t.Errorf("gap questions = %+v", qs)
	}
}
