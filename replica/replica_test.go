package replica_test

import (
	"context"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/internal/pgtest"
	"github.com/los-bot/los/kb"
	"github.com/los-bot/los/replica"
	"github.com/los-bot/los/store"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// node is one replica: its own store handle, index and hub, on the
// shared database.
type node struct {
	db       *store.DB
	ix       *kb.Index
	r        *replica.Replica
	followed chan int
}

func start(t *testing.T, dsn string) *node {
	t.Helper()
	ctx := context.Background()
	db, err := store.OpenPostgres(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ix, err := kb.Open("", kb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	log := slog.New(slog.DiscardHandler)
	f, err := replica.NewFollower(ctx, db, ix, log)
	if err != nil {
		t.Fatal(err)
	}
	n := &node{db: db, ix: ix, followed: make(chan int, 16)}
	n.r = &replica.Replica{DSN: dsn, Hub: replica.NewHub(hub.New(), db, log), Follower: f, Log: log,
		Check:    time.Hour, // only notifications move it in these tests
		Followed: func(k int) { n.followed <- k }}
	rctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); n.r.Run(rctx) }()
	t.Cleanup(func() { cancel(); <-done })
	select {
	case <-n.r.Ready():
	case <-time.After(10 * time.Second):
		t.Fatal("replica not listening after 10 s")
	}
	return n
}

// TestChangesReachTheOtherReplica: a change published on A wakes an
// inbox subscribed on B, and B's own changes are not echoed back to it.
func TestChangesReachTheOtherReplica(t *testing.T) {
	t.Parallel()
	dsn := pgtest.NewDatabase(t)
	a, b := start(t, dsn), start(t, dsn)
	sub := b.r.Hub.Subscribe()
	defer b.r.Hub.Unsubscribe(sub)
	sub.Take() // what the start published

	sent := time.Now()
	a.r.Hub.Publish(hub.QueueChanged(), hub.ConversationChanged("c1"))
	select {
	case <-sub.Wake():
	case <-time.After(time.Second):
		t.Fatal("B heard nothing within 1 s")
	}
	t.Logf("A -> B in %v", time.Since(sent))
	got := sub.Take()
	if !slices.Contains(got, hub.ConversationChanged("c1")) || !slices.Contains(got, hub.QueueChanged()) {
		t.Errorf("B took %v", got)
	}

	subA := a.r.Hub.Subscribe()
	defer a.r.Hub.Unsubscribe(subA)
	subA.Take()
	b.r.Hub.Publish(hub.CallbacksChanged())
	select {
	case <-subA.Wake():
	case <-time.After(time.Second):
		t.Fatal("A heard nothing within 1 s")
	}
	if got := subA.Take(); !slices.Equal(got, []hub.Change{hub.CallbacksChanged()}) {
		t.Errorf("A took %v", got)
	}
}

// TestIndexFollowsTheDatabase: an article published through A's store is
// found in B's index within a second, its withdrawal too, and synonyms
// saved on A reach B's index.
func TestIndexFollowsTheDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := pgtest.NewDatabase(t)
	a, b := start(t, dsn), start(t, dsn)
	waitFollowed := func(what string) {
		t.Helper()
		select {
		case <-b.followed:
		case <-time.After(time.Second):
			t.Fatalf("B's index did not follow %s within 1 s", what)
		}
	}
	art := kb.Article{Slug: "stromstans", Title: "Strømstans", Body: "## Når straumen går\nRing nettselskapet ved strømstans.",
		Lang: los.Bokmal, Published: true}
	if err := a.db.ImportArticles(ctx, []kb.Article{art}); err != nil {
		t.Fatal(err)
	}
	waitFollowed("a new article")
	hits, err := b.ix.Search(ctx, "strømstans", kb.SearchOptions{})
	if err != nil || len(hits) == 0 || hits[0].Slug != "stromstans" {
		t.Fatalf("B finds %v (%v)", hits, err)
	}
	rev, _ := a.db.KBRevision(ctx)
	if b.ix.Stamp() != rev {
		t.Errorf("B's index stamp %q, database revision %q", b.ix.Stamp(), rev)
	}

	if _, err := a.db.Delete(ctx, "stromstans", "kari"); err != nil {
		t.Fatal(err)
	}
	waitFollowed("a deleted article")
	if hits, _ := b.ix.Search(ctx, "strømstans", kb.SearchOptions{}); len(hits) != 0 {
		t.Errorf("B still finds the deleted article: %v", hits)
	}

	before := b.ix.Synonyms()
	if _, err := a.db.SetSynonyms(ctx, "straum = strøm\n", "kari"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.r.Follower.Check(ctx); err != nil {
		t.Fatal(err)
	}
	if b.ix.Synonyms() == before {
		t.Error("B's index kept its synonyms after A saved others")
	}
}
