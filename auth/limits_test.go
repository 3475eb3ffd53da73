package auth

import (
	"context"
	"testing"
	"time"
)

// TestHashSlotsBoundConcurrentHashing: no more hashes run than the
// memory budget holds; the next waits, and is refused when none frees
// within its wait.
func TestHashSlotsBoundConcurrentHashing(t *testing.T) {
	if got := HashSlots(64 << 20); got != 3 {
		t.Errorf("HashSlots(64 MiB) = %d, want 3 (19 MiB each)", got)
	}
	if got := HashSlots(0); got != 1 {
		t.Errorf("HashSlots(0) = %d, want 1", got)
	}
	s := newSlots(2, time.Millisecond)
	ctx := context.Background()
	for i := range 2 {
		if !s.acquire(ctx) {
			t.Fatalf("free slot %d refused", i+1)
		}
	}
	if s.acquire(ctx) {
		t.Fatal("a third hash got a slot of two")
	}
	s.release()
	if !s.acquire(ctx) {
		t.Error("a released slot was not taken")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	s.maxWait = time.Hour
	if s.acquire(cancelled) {
		t.Error("a cancelled sign-in got a slot")
	}
}

func TestRateSpacesAttempts(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	r := NewRate(6*time.Second, 3, func() time.Time { return now })
	for i := range 3 {
		if ok, _ := r.Allow("a"); !ok {
			t.Fatalf("attempt %d of the burst refused", i+1)
		}
	}
	ok, wait := r.Allow("a")
	if ok || wait <= 0 || wait > 6*time.Second {
		t.Fatalf("fourth attempt: %v, wait %s; want refused, at most 6 s", ok, wait)
	}
	if ok, _ := r.Allow("b"); !ok {
		t.Error("another key shares the bucket")
	}
	now = now.Add(6 * time.Second)
	if ok, _ := r.Allow("a"); !ok {
		t.Error("no attempt after 6 s")
	}
}
