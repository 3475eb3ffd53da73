package webhook_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/metrics"
	"github.com/los-bot/los/store"
	"github.com/los-bot/los/webhook"
)

type received struct {
	header http.Header
	body   []byte
}

// receiver answers with status and hands every request to the returned
// channel.
func receiver(t *testing.T, status *atomic.Int32) (*httptest.Server, <-chan received) {
	t.Helper()
	ch := make(chan received, 16)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		ch <- received{r.Header.Clone(), b}
		w.WriteHeader(int(status.Load()))
	}))
	t.Cleanup(srv.Close)
	return srv, ch
}

// allowLocal lets w reach the test receivers on 127.0.0.1.
func allowLocal(w *webhook.Worker) *webhook.Worker {
	w.Client = webhook.NewClient(webhook.Guard{AllowPrivate: true})
	return w
}

func setup(t *testing.T, url string) (*store.DB, *los.Webhook) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "los.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	w := &los.Webhook{URL: url, Events: []string{los.EventMessageCreated}, Secret: webhook.NewSecret(), Active: true}
	if err := db.CreateWebhook(ctx, w); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateConversation(ctx, &los.Conversation{ID: "c1", TokenHash: []byte("h"), Status: los.StatusOpen}); err != nil {
		t.Fatal(err)
	}
	if err := db.AddMessage(ctx, &los.Message{ConversationID: "c1", Role: los.RoleCustomer, Text: "hei", Created: time.Now()}); err != nil {
		t.Fatal(err)
	}
	return db, w
}

func TestWorkerDeliversSignedEvents(t *testing.T) {
	var status atomic.Int32
	status.Store(http.StatusNoContent)
	srv, got := receiver(t, &status)
	db, w := setup(t, srv.URL)
	wk := allowLocal(webhook.NewWorker(db, nil))
	if err := wk.Step(context.Background()); err != nil {
		t.Fatal(err)
	}
	r := <-got // Step returns after its attempts, so the request is here
	if err := webhook.Verify(w.Secret, r.header.Get(webhook.SignatureHeader), r.body, time.Now(), webhook.Tolerance); err != nil {
		t.Fatalf("signature: %v", err)
	}
	var p webhook.Payload
	if err := json.Unmarshal(r.body, &p); err != nil {
		t.Fatal(err)
	}
	var data map[string]any
	json.Unmarshal(p.Data, &data)
	if p.Type != los.EventMessageCreated || data["conversation_id"] != "c1" || data["message_id"] == nil || p.ID == "" {
		t.Fatalf("payload = %s", r.body)
	}
	ds, err := db.Deliveries(context.Background(), w.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].Status != los.DeliveryDelivered || ds[0].Attempts != 1 || ds[0].LastStatus != 204 {
		t.Fatalf("deliveries = %+v", ds)
	}
}

func TestWorkerRetriesWithBackoffThenGivesUp(t *testing.T) {
	var status atomic.Int32
	status.Store(http.StatusInternalServerError)
	srv, got := receiver(t, &status)
	db, w := setup(t, srv.URL)
	ctx := context.Background()
	// The queue stamps deliveries with the store's clock: start after it.
	now := time.Now().Add(time.Second)
	wk := allowLocal(webhook.NewWorker(db, nil))
	wk.Now = func() time.Time { return now }
	wk.MaxAttempts = 3
	wk.Metrics = metrics.New()
	for attempt := 1; attempt <= 3; attempt++ {
		if err := wk.Step(ctx); err != nil {
			t.Fatal(err)
		}
		<-got
		ds, _ := db.Deliveries(ctx, w.ID, 10)
		d := ds[0]
		if d.Attempts != attempt || d.LastStatus != 500 {
			t.Fatalf("attempt %d: delivery = %+v", attempt, d)
		}
		if attempt < 3 {
			wait := d.NextAttempt.Sub(now)
			lo, hi := time.Duration(float64(webhook.DefaultBaseDelay)*0.79*pow3(attempt-1)), time.Duration(float64(webhook.DefaultBaseDelay)*1.21*pow3(attempt-1))
			if d.Status != los.DeliveryPending || wait <= lo || wait > hi {
				t.Fatalf("attempt %d: status %s, next in %v (want %v..%v)", attempt, d.Status, wait, lo, hi)
			}
			// Not due yet: a step now sends nothing.
			if err := wk.Step(ctx); err != nil {
				t.Fatal(err)
			}
			select {
			case <-got:
				t.Fatal("delivered before the backoff ended")
			default:
			}
			now = *d.NextAttempt
		} else if d.Status != los.DeliveryFailed {
			t.Fatalf("after %d attempts status = %s, want failed", attempt, d.Status)
		}
	}
	// Manual redelivery queues it again, now.
	status.Store(http.StatusOK)
	if _, err := db.Redeliver(ctx, w.ID, 1); err != nil {
		t.Fatal(err)
	}
	if err := wk.Step(ctx); err != nil {
		t.Fatal(err)
	}
	<-got
	ds, _ := db.Deliveries(ctx, w.ID, 10)
	if ds[0].Status != los.DeliveryDelivered {
		t.Fatalf("after redelivery: %+v", ds[0])
	}
	// Every attempt is counted for /metrics.
	rec := httptest.NewRecorder()
	wk.Metrics.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	for _, want := range []string{
		`los_webhook_deliveries_total{event="message.created",result="failed"} 3`,
		`los_webhook_deliveries_total{event="message.created",result="ok"} 1`,
	} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func pow3(n int) float64 {
	f := 1.0
	for range n {
		f *= 3
	}
	return f
}

// TestSlowReceiverTimesOut checks the per-request timeout: a receiver that
// never answers costs one timeout, not a hung worker.
func TestSlowReceiverTimesOut(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
	}))
	defer srv.Close()
	defer close(release)
	db, w := setup(t, srv.URL)
	wk := allowLocal(webhook.NewWorker(db, nil))
	wk.Timeout = 50 * time.Millisecond
	start := time.Now()
	if err := wk.Step(context.Background()); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("step took %v", d)
	}
	ds, _ := db.Deliveries(context.Background(), w.ID, 10)
	if ds[0].Status != los.DeliveryPending || ds[0].Attempts != 1 || ds[0].LastError == "" {
		t.Fatalf("delivery = %+v", ds[0])
	}
}
