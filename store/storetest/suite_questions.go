package storetest

import (
	"context"
	"slices"
	"testing"

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
