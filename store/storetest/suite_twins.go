package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
)

func twinOf(slug string, l los.Standard, group string) kb.Article {
	return kb.Article{Slug: slug, Title: "Tittel " + slug, Body: "Tekst " + slug, Lang: l, Group: group, Published: true}
}

func slugsOf(ts []kb.Twin) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Slug)
	}
	return out
}

// testTwinsImport: both import paths keep the translation group; a group
// with two articles of one standard is refused; the group is no content,
// so changing it makes no version and publishes nothing.
func testTwinsImport(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	if err := db.ImportArticles(ctx, []kb.Article{twinOf("adresse", los.Bokmal, "adresse"), twinOf("adressa", los.Nynorsk, "adresse"),
		twinOf("alone", los.Bokmal, "")}); err != nil {
		t.Fatal(err)
	}
	a, err := db.Article(ctx, "adressa")
	if err != nil || a.Group != "adresse" {
		t.Fatalf("customers' article = %+v, %v", a, err)
	}
	twins, err := db.Twins(ctx, "adressa")
	if err != nil || !slices.Equal(slugsOf(twins), []string{"adressa", "adresse"}) {
		t.Fatalf("Twins = %v, %v", slugsOf(twins), err)
	}
	if twins, err := db.Twins(ctx, "alone"); err != nil || twins != nil {
		t.Errorf("an article without twins: %v, %v", twins, err)
	}

	// The editor's import: a third twin in English, and the Nynorsk one
	// leaves the group.
	rev0, _ := db.KBRevision(ctx)
	en := twinOf("address", los.English, "adresse")
	nn := twinOf("adressa", los.Nynorsk, "")
	plan, err := db.CommitImport(ctx, kb.Import{Articles: []kb.Article{en, nn}, Author: "ida"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if plan[1].Status != kb.ImportChanged || !slices.Equal(plan[1].Fields, []string{"group"}) {
		t.Errorf("plan for a new group = %+v", plan[1])
	}
	if rev1, _ := db.KBRevision(ctx); rev1 == rev0 {
		t.Error("a group change did not move the knowledge-base revision (the index keeps groups)")
	}
	ea, err := db.EditorArticle(ctx, "adressa")
	if err != nil || ea.Group != "" || ea.Version != 1 {
		t.Errorf("after leaving the group: %+v, %v", ea, err)
	}
	if twins, _ := db.Twins(ctx, "adresse"); !slices.Equal(slugsOf(twins), []string{"adresse", "address"}) {
		t.Errorf("group after the import = %v", slugsOf(twins))
	}

	// Two Bokmål articles in one group: refused, nothing written.
	_, err = db.CommitImport(ctx, kb.Import{Articles: []kb.Article{twinOf("alone", los.Bokmal, "adresse")}, Author: "ida"}, nil)
	if los.ErrorCode(err) != los.EINVALID {
		t.Errorf("two Bokmål twins: %v", err)
	}
	if a, _ := db.EditorArticle(ctx, "alone"); a.Group != "" {
		t.Error("the refused import wrote a group")
	}
}

// testTwinsLinkAndDraft: linking, unlinking, and a machine-made draft
// twin, which stays a draft.
func testTwinsLinkAndDraft(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	if err := db.ImportArticles(ctx, []kb.Article{twinOf("faktura", los.Bokmal, ""), twinOf("rekning", los.Nynorsk, ""),
		twinOf("regning", los.Bokmal, "")}); err != nil {
		t.Fatal(err)
	}
	changed, err := db.Link(ctx, "rekning", "faktura")
	if err != nil || !slices.Equal(changed, []string{"faktura", "rekning"}) {
		t.Fatalf("Link = %v, %v", changed, err)
	}
	if a, _ := db.Article(ctx, "faktura"); a.Group != "faktura" {
		t.Errorf("the group is named after the twin linked to: %q", a.Group)
	}
	if _, err := db.Link(ctx, "regning", "rekning"); los.ErrorCode(err) != los.ECONFLICT {
		t.Errorf("a second Bokmål twin: %v", err)
	}
	if _, err := db.Link(ctx, "faktura", "faktura"); los.ErrorCode(err) != los.EINVALID {
		t.Errorf("own twin: %v", err)
	}
	if _, err := db.CreateTwin(ctx, "faktura", twinOf("faktura-nn", los.Nynorsk, ""), "ida"); los.ErrorCode(err) != los.ECONFLICT {
		t.Errorf("a draft twin in a standard the group has: %v", err)
	}
	if changed, err := db.Unlink(ctx, "rekning"); err != nil || !slices.Equal(changed, []string{"rekning"}) {
		t.Fatalf("Unlink = %v, %v", changed, err)
	}
	d, err := db.CreateTwin(ctx, "faktura", twinOf("faktura-nn", los.Nynorsk, ""), "ida")
	if err != nil {
		t.Fatal(err)
	}
	if d.State != kb.StateDraft || d.Published || d.Group != "faktura" {
		t.Errorf("draft twin = %+v", d)
	}
	if got := customerView(t, db, "faktura-nn"); got != "" {
		t.Errorf("customers see the machine-made draft: %q", got)
	}
	vs, err := db.Versions(ctx, "faktura-nn")
	if err != nil || len(vs) != 1 || vs[0].Action != kb.ActionTranslate {
		t.Errorf("versions = %+v, %v", vs, err)
	}
	if _, err := db.CreateTwin(ctx, "faktura", twinOf("regning", los.English, ""), "ida"); los.ErrorCode(err) != los.ECONFLICT {
		t.Errorf("a draft with a slug in use: %v", err)
	}
}

// testTwinNewer: a twin published after another's last publish makes that
// one look older, unless it is an unedited machine translation.
func testTwinNewer(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	clk := &clock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	db.SetClock(clk.now)
	tick := func() { clk.t = clk.t.Add(time.Hour) }
	if err := db.ImportArticles(ctx, []kb.Article{twinOf("flytte", los.Bokmal, "")}); err != nil {
		t.Fatal(err)
	}
	tick()
	if _, err := db.CreateTwin(ctx, "flytte", twinOf("flytte-nn", los.Nynorsk, ""), "ida"); err != nil {
		t.Fatal(err)
	}
	tick()
	if _, err := db.Publish(ctx, "flytte-nn", 0, "ida"); err != nil {
		t.Fatal(err)
	}
	newer := func(slug string) string {
		t.Helper()
		group, err := db.Twins(ctx, slug)
		if err != nil {
			t.Fatal(err)
		}
		if o, ok := kb.NewerTwin(group[0], group); ok {
			return o.Slug
		}
		return ""
	}
	if got := newer("flytte"); got != "" {
		t.Errorf("the published machine translation makes its source look old: %q", got)
	}
	tick()
	a, _ := db.EditorArticle(ctx, "flytte")
	a.Body += "\n\nNytt avsnitt."
	if _, err := db.SaveArticle(ctx, a.Article, a.Version, "ida"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Publish(ctx, "flytte", 0, "ida"); err != nil {
		t.Fatal(err)
	}
	if got := newer("flytte-nn"); got != "flytte" {
		t.Errorf("after the Bokmål twin changed: newer twin of the Nynorsk one = %q", got)
	}
	if got := newer("flytte"); got != "" {
		t.Errorf("the newest twin has a newer one: %q", got)
	}
	tick()
	if _, err := db.Publish(ctx, "flytte-nn", 0, "ida"); err != nil {
		t.Fatal(err)
	}
	if got := newer("flytte-nn"); got != "" {
		t.Errorf("published again after a review, still older: %q", got)
	}
}
