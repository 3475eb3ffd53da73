package storetest

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/store"
)

// testDeliveriesClaimedOnce: workers claiming due deliveries at once (as
// replicas do) get each delivery once; a claimed delivery is not due
// again until the claim runs out, and then it is.
func testDeliveriesClaimedOnce(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	now := time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	w := &los.Webhook{URL: "http://127.0.0.1:1/hook", Events: []string{los.EventMessageCreated}, Secret: "s", Active: true}
	if err := s.CreateWebhook(ctx, w); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateConversation(ctx, &los.Conversation{ID: "c1", TokenHash: []byte("h")}); err != nil {
		t.Fatal(err)
	}
	const n = 40
	for i := range n {
		m := &los.Message{ConversationID: "c1", Role: los.RoleCustomer, Text: "hei", Created: now.Add(time.Duration(i) * time.Millisecond)}
		if err := s.AddMessage(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	body := func(e los.Event) ([]byte, error) { return json.Marshal(map[string]any{"id": e.ID}) }
	if got, err := s.FanOut(ctx, 1000, body); err != nil || got != n {
		t.Fatalf("fan-out read %d events (%v), want %d", got, err, n)
	}

	var mu sync.Mutex
	claims := map[int64]int{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				ds, err := s.DueDeliveries(ctx, now, 3)
				if err != nil {
					t.Error(err)
					return
				}
				if len(ds) == 0 {
					return
				}
				mu.Lock()
				for _, d := range ds {
					claims[d.ID]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(claims) != n {
		t.Errorf("%d deliveries claimed, want %d", len(claims), n)
	}
	for id, k := range claims {
		if k != 1 {
			t.Errorf("delivery %d claimed %d times", id, k)
		}
	}
	if again, _ := s.DueDeliveries(ctx, now.Add(store.ClaimFor-time.Millisecond), 100); len(again) != 0 {
		t.Errorf("%d claimed deliveries due again before the claim ran out", len(again))
	}
	if again, _ := s.DueDeliveries(ctx, now.Add(store.ClaimFor), 100); len(again) != n {
		t.Errorf("%d deliveries due once the claims ran out, want %d", len(again), n)
	}
}
