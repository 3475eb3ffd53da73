package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/store"
)

var _ auth.SharedFailures = (*store.DB)(nil)

// TestThrottleAcrossReplicas: two replicas (two store handles on one
// PostgreSQL database), each with its own throttle, refuse a key that
// failed Max times in all, whichever replica saw the failures; a success
// on either resets it for both; an old window no longer counts.
func TestThrottleAcrossReplicas(t *testing.T) {
	t.Parallel()
	dsn := pgDSN(t)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	var th [2]*auth.Throttle
	for i := range th {
		db, err := store.OpenPostgres(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		th[i] = auth.NewThrottle(10, 15*time.Minute, clock)
		th[i].Shared = db
	}
	for i := range 10 {
		if ok, _ := th[i%2].Allow("ip:10.0.0.1"); !ok {
			t.Fatalf("refused after %d failures", i)
		}
		th[i%2].Fail("ip:10.0.0.1")
		now = now.Add(time.Second)
	}
	for i, x := range th {
		ok, wait := x.Allow("ip:10.0.0.1")
		if ok || wait <= 0 || wait > 15*time.Minute {
			t.Errorf("replica %d after 10 failures on both: allowed %v, wait %v", i, ok, wait)
		}
	}
	if ok, _ := th[1].Allow("ip:10.0.0.2"); !ok {
		t.Error("another key is refused")
	}
	th[0].Reset("ip:10.0.0.1")
	if ok, _ := th[1].Allow("ip:10.0.0.1"); !ok {
		t.Error("refused on replica 1 after a reset on replica 0")
	}
	th[0].Fail("ip:10.0.0.3")
	now = now.Add(16 * time.Minute)
	th[1].Fail("ip:10.0.0.3") // the old window is over: this one counts alone
	db := th[1].Shared.(*store.DB)
	if n, _, err := db.LoginFailures(context.Background(), "ip:10.0.0.3", now.Add(-15*time.Minute)); err != nil || n != 1 {
		t.Errorf("after a window ran out: %d failures (%v), want 1", n, err)
	}
}
