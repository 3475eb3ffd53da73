package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
)

// testArticleQuestions: an article's example questions survive import,
// the editor's versions, a save without them (a client that does not
// send them), publishing, and an explicit removal.
func testArticleQuestions(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	ok := must[kb.EditorArticle](t)
	qs := []string{"Hvordan betaler jeg?", "kan jeg  betale senere"}

	a := draft("betale", "Tekst")
	a.Questions = qs
	a.Published = true
	if err := db.ImportArticles(ctx, []kb.Article{a}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Article(ctx, "betale")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Questions, qs) {
		t.Fatalf("imported questions = %q", got.Questions)
	}

	ed := ok(db.EditorArticle(ctx, "betale"))
	if !slices.Equal(ed.Questions, qs) {
		t.Fatalf("editor sees questions %q", ed.Questions)
	}
	ed = ok(db.SaveArticle(ctx, draft("betale", "Ny tekst"), ed.Version, "ida@example.no"))
	if !slices.Equal(ed.Questions, qs) {
		t.Errorf("a save without questions lost them: %q", ed.Questions)
	}
	ed = ok(db.Publish(ctx, "betale", ed.Version, "ida@example.no"))
	if got, _ := db.Article(ctx, "betale"); got.Body != "Ny tekst" || !slices.Equal(got.Questions, qs) {
		t.Errorf("published %q with questions %q", got.Body, got.Questions)
	}

	none := draft("betale", "Ny tekst")
	none.Questions = []string{}
	ed = ok(db.SaveArticle(ctx, none, ed.Version, "ida@example.no"))
	if len(ed.Questions) != 0 {
		t.Errorf("an empty list did not remove the questions: %q", ed.Questions)
	}
	vs, err := db.Versions(ctx, "betale")
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) < 2 || len(vs[0].Questions) != 0 || !slices.Equal(vs[1].Questions, qs) {
		t.Errorf("versions keep questions wrong: %+v", vs)
	}
}

// testAddQuestion: a question added to a published article without
// pending changes is published at once; one added to an article with
// changes customers do not see yet waits for the next publishing (and
// does not publish those changes); a known question, an empty one and
// an unknown article change nothing.
func testAddQuestion(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	ok := must[kb.EditorArticle](t)

	a := ok(db.CreateArticle(ctx, draft("betale", "Tekst"), "ida@example.no"))
	a = ok(db.Publish(ctx, "betale", a.Version, "ida@example.no"))
	a = ok(db.AddQuestion(ctx, "betale", "  kan jeg betale med  bitcoin? ", "eva@example.no"))
	if !slices.Equal(a.Questions, []string{"kan jeg betale med bitcoin?"}) || a.Pending() || a.Version != 2 {
		t.Fatalf("after adding to a live article: %+v", a)
	}
	if got, _ := db.Article(ctx, "betale"); !slices.Equal(got.Questions, a.Questions) {
		t.Errorf("customers' article has questions %q", got.Questions)
	}
	vs, err := db.Versions(ctx, "betale")
	if err != nil || vs[0].Action != "question" || vs[0].Author != "eva@example.no" {
		t.Errorf("latest version %+v, %v", vs[0], err)
	}
	if same := ok(db.AddQuestion(ctx, "betale", "kan jeg betale med bitcoin?", "eva@example.no")); same.Version != a.Version {
		t.Errorf("a known question made version %d", same.Version)
	}

	a = ok(db.SaveArticle(ctx, draft("betale", "Ny tekst, ikke publisert"), a.Version, "ida@example.no"))
	a = ok(db.AddQuestion(ctx, "betale", "Kan jeg betale med Vipps?", "eva@example.no"))
	if !a.Pending() || len(a.Questions) != 2 {
		t.Errorf("with pending changes: %+v", a)
	}
	if got := customerView(t, db, "betale"); got != "Tekst" {
		t.Errorf("adding a question published the pending text: customers see %q", got)
	}
	if got, _ := db.Article(ctx, "betale"); len(got.Questions) != 1 {
		t.Errorf("customers' article has questions %q before publishing", got.Questions)
	}

	if _, err := db.AddQuestion(ctx, "betale", "  ", "eva@example.no"); los.ErrorCode(err) != los.EINVALID {
		t.Errorf("empty question: %v", err)
	}
	if _, err := db.AddQuestion(ctx, "finnes-ikke", "Hei?", "eva@example.no"); los.ErrorCode(err) != los.ENOTFOUND {
		t.Errorf("unknown article: %v", err)
	}
}
