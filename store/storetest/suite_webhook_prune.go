package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/store"
)

// pruneEnv is a store on a fixed clock with one webhook and one
// conversation.
type pruneEnv struct {
	t   *testing.T
	db  Store
	now time.Time
	w   *los.Webhook
}

func newPruneEnv(t *testing.T, open Opener) *pruneEnv {
	t.Helper()
	ctx := context.Background()
	e := &pruneEnv{t: t, db: open(t), now: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)}
	e.db.SetClock(func() time.Time { return e.now })
	e.w = &los.Webhook{URL: "https://crm.example.no/los", Events: []string{los.EventMessageCreated}, Secret: "s", Active: true}
	if err := e.db.CreateWebhook(ctx, e.w); err != nil {
		t.Fatal(err)
	}
	if err := e.db.CreateConversation(ctx, &los.Conversation{ID: "c1", TokenHash: []byte("h"), Status: los.StatusOpen}); err != nil {
		t.Fatal(err)
	}
	return e
}

// message adds a customer message (an event) now and, when fan, queues
// its deliveries.
func (e *pruneEnv) message(fan bool) {
	e.t.Helper()
	ctx := context.Background()
	if err := e.db.AddMessage(ctx, &los.Message{ConversationID: "c1", Role: los.RoleCustomer, Text: "hei", Created: e.now}); err != nil {
		e.t.Fatal(err)
	}
	if !fan {
		return
	}
	if _, err := e.db.FanOut(ctx, 100, func(los.Event) ([]byte, error) { return []byte(`{}`), nil }); err != nil {
		e.t.Fatal(err)
	}
}

func (e *pruneEnv) record(delivery int64, status string) {
	e.t.Helper()
	if err := e.db.RecordAttempt(context.Background(), delivery, status, 200, "", e.now); err != nil {
		e.t.Fatal(err)
	}
}

func (e *pruneEnv) prune(batch int) store.WebhookPruned {
	e.t.Helper()
	n, err := e.db.PruneWebhookLog(context.Background(), 30*24*time.Hour, batch)
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// left returns the IDs of the deliveries and events left, ascending.
func (e *pruneEnv) left() (deliveries, events []int64) {
	e.t.Helper()
	ctx := context.Background()
	ds, err := e.db.Deliveries(ctx, e.w.ID, 100)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, d := range ds {
		deliveries = append(deliveries, d.ID)
	}
	slices.Sort(deliveries)
	evs, err := e.db.Events(ctx, 0, 100)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, ev := range evs {
		events = append(events, ev.ID)
	}
	return deliveries, events
}

func testPruneWebhookLog(t *testing.T, open Opener) {
	e := newPruneEnv(t, open)
	// 5 January: three events; one delivered, one failed for good, one
	// still pending (its receiver is down).
	for range 3 {
		e.message(true)
	}
	e.record(1, los.DeliveryDelivered)
	e.record(2, los.DeliveryFailed)
	e.record(3, los.DeliveryPending)
	// 25 January: one more, delivered.
	e.now = e.now.AddDate(0, 0, 20)
	e.message(true)
	e.record(4, los.DeliveryDelivered)
	// 14 February, 40 days on: the newest event, delivered at once.
	e.now = e.now.AddDate(0, 0, 20)
	e.message(true)
	e.record(5, los.DeliveryDelivered)

	// Batches of one row: several transactions.
	if got, want := e.prune(1), (store.WebhookPruned{Deliveries: 2, Events: 2}); got != want {
		t.Fatalf("pruned %+v, want %+v", got, want)
	}
	ds, evs := e.left()
	// Old pending delivery 3 and its event stay; 4 and 5 are recent.
	if !slices.Equal(ds, []int64{3, 4, 5}) || !slices.Equal(evs, []int64{3, 4, 5}) {
		t.Fatalf("left deliveries %v and events %v, want [3 4 5] and [3 4 5]", ds, evs)
	}
	if got := e.prune(0); got != (store.WebhookPruned{}) {
		t.Fatalf("second run pruned %+v, want nothing", got)
	}
	if ds2, evs2 := e.left(); !slices.Equal(ds2, ds) || !slices.Equal(evs2, evs) {
		t.Fatalf("second run changed the log: %v %v", ds2, evs2)
	}

	// A year on, every delivery but the pending one is old; the pending
	// one's event and the newest event stay.
	e.now = e.now.AddDate(1, 0, 0)
	if got, want := e.prune(0), (store.WebhookPruned{Deliveries: 2, Events: 1}); got != want {
		t.Fatalf("a year on, pruned %+v, want %+v", got, want)
	}
	if ds, evs := e.left(); !slices.Equal(ds, []int64{3}) || !slices.Equal(evs, []int64{3, 5}) {
		t.Fatalf("a year on, left deliveries %v and events %v, want [3] and [3 5]", ds, evs)
	}
}

// TestPruneKeepsUnreadAndNewestEvents checks the events outbox alone:
// events the webhook worker has not read yet stay however old, and the
// newest always stays, so new events get higher IDs than the worker's
// cursor and are still delivered.
func testPruneKeepsUnreadAndNewestEvents(t *testing.T, open Opener) {
	e := newPruneEnv(t, open)
	ctx := context.Background()
	e.message(false)
	e.message(false)
	e.now = e.now.AddDate(0, 3, 0)
	if got := e.prune(0); got != (store.WebhookPruned{}) {
		t.Fatalf("pruned %+v before the worker read anything", got)
	}
	e.now = e.now.AddDate(0, -3, 0)
	e.message(true) // the worker reads all three
	e.now = e.now.AddDate(0, 3, 0)
	e.record(1, los.DeliveryDelivered)
	e.record(2, los.DeliveryDelivered)
	e.record(3, los.DeliveryDelivered)
	e.now = e.now.AddDate(0, 3, 0)
	if got, want := e.prune(0), (store.WebhookPruned{Deliveries: 3, Events: 2}); got != want {
		t.Fatalf("pruned %+v, want %+v", got, want)
	}
	e.message(false)
	n, err := e.db.FanOut(ctx, 100, func(los.Event) ([]byte, error) { return []byte(`{}`), nil })
	if err != nil || n != 1 {
		t.Fatalf("after pruning, the worker read %d new events (%v), want 1", n, err)
	}
	if ds, _ := e.left(); len(ds) != 1 {
		t.Fatalf("the new event was not queued for delivery: deliveries %v", ds)
	}
}
