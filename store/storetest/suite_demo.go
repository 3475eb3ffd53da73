package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
)

// testRemoveUnchanged removes "shipped" articles still as shipped and keeps
// every one someone changed: a saved draft, a published edit, a file
// imported over it; one already in the bin and one never there are left
// alone.
func testRemoveUnchanged(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	shipped := func(slug string) kb.Article {
		return kb.Article{Slug: slug, Title: "Demo " + slug, Body: "Tekst i " + slug, Tags: []string{"demo"}, Lang: los.Bokmal, Published: true}
	}
	var demo []kb.Article
	for _, slug := range []string{"a-urort", "b-utkast", "c-publisert", "d-importert", "e-i-papirkurven", "f-uten-endring"} {
		demo = append(demo, shipped(slug))
	}
	if err := db.ImportArticles(ctx, demo); err != nil {
		t.Fatal(err)
	}
	own := kb.Article{Slug: "egen", Title: "Egen artikkel", Body: "Vår egen tekst", Lang: los.Bokmal, Published: true}
	if err := db.ImportArticles(ctx, []kb.Article{own}); err != nil {
		t.Fatal(err)
	}
	// An editor saves a draft of b (customers still see the shipped text).
	b := shipped("b-utkast")
	b.Body = "Endret av Kari"
	cur, err := db.EditorArticle(ctx, "b-utkast")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveArticle(ctx, b, cur.Version, "kari@example.no"); err != nil {
		t.Fatal(err)
	}
	// c is edited and published.
	c := shipped("c-publisert")
	c.Title = "Vår tittel"
	if cur, err = db.EditorArticle(ctx, "c-publisert"); err != nil {
		t.Fatal(err)
	}
	saved, err := db.SaveArticle(ctx, c, cur.Version, "kari@example.no")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Publish(ctx, "c-publisert", saved.Version, "kari@example.no"); err != nil {
		t.Fatal(err)
	}
	// d is replaced by an import of the company's own file.
	d := shipped("d-importert")
	d.Tags = []string{"egen"}
	if err := db.ImportArticles(ctx, []kb.Article{d}); err != nil {
		t.Fatal(err)
	}
	// e is in the bin already.
	if _, err := db.Delete(ctx, "e-i-papirkurven", "kari@example.no"); err != nil {
		t.Fatal(err)
	}
	rev, err := db.KBRevision(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// A dry run says the same and changes nothing.
	wouldRemove, wouldKeep, err := db.WouldRemoveUnchanged(ctx, append(demo, shipped("g-aldri-lastet")))
	if err != nil {
		t.Fatal(err)
	}
	if now, _ := db.KBRevision(ctx); now != rev {
		t.Error("the dry run changed the knowledge base")
	}
	removed, changed, err := db.RemoveUnchanged(ctx, append(demo, shipped("g-aldri-lastet")), "ola@example.no")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a-urort", "f-uten-endring"}; !slices.Equal(removed, want) {
		t.Errorf("removed %v, want %v", removed, want)
	}
	if want := []string{"b-utkast", "c-publisert", "d-importert"}; !slices.Equal(changed, want) {
		t.Errorf("kept as changed %v, want %v", changed, want)
	}
	if !slices.Equal(removed, wouldRemove) || !slices.Equal(changed, wouldKeep) {
		t.Errorf("dry run said %v and %v, the run did %v and %v", wouldRemove, wouldKeep, removed, changed)
	}
	for _, slug := range removed {
		if a, err := db.Article(ctx, slug); err == nil && a.Published {
			t.Errorf("%s: customers still see it", slug)
		}
		a, err := db.EditorArticle(ctx, slug)
		if err != nil || a.Deleted.IsZero() {
			t.Errorf("%s: %+v, %v; want it in the bin", slug, a, err)
		}
	}
	for _, slug := range []string{"b-utkast", "c-publisert", "d-importert", "egen"} {
		a, err := db.EditorArticle(ctx, slug)
		if err != nil || !a.Deleted.IsZero() {
			t.Errorf("%s: %+v, %v; want it kept", slug, a, err)
		}
	}
	if a, err := db.Article(ctx, "b-utkast"); err != nil || !a.Published {
		t.Errorf("b-utkast: customers lost the published article: %+v, %v", a, err)
	}
	if next, _ := db.KBRevision(ctx); next == rev {
		t.Error("the knowledge-base revision did not move: the search index would keep the removed articles")
	}
	// Removed articles can be restored from the bin.
	if a, err := db.Restore(ctx, "a-urort"); err != nil || !a.Published {
		t.Errorf("restore: %+v, %v", a, err)
	}
	// A second run finds nothing more to remove.
	removed, _, err = db.RemoveUnchanged(ctx, demo[5:], "ola@example.no")
	if err != nil || len(removed) != 0 {
		t.Errorf("second run removed %v, %v", removed, err)
	}
}
