package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/los-bot/los"
)

// testPresenceAcrossReplicas: each replica sees the agents the others
// count as present, each once, within the window; a replica's write
// replaces its own rows only; rows past the window neither count nor stay.
func testPresenceAcrossReplicas(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	now := time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC)
	window := time.Minute
	since := now.Add(-window)
	elsewhere := func(replica string, want ...int64) {
		t.Helper()
		got, err := db.PresentElsewhere(ctx, replica, since)
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("PresentElsewhere(%s) = %v, %v; want %v", replica, got, err, want)
		}
	}
	set := func(replica string, agents ...los.PresentAgent) {
		t.Helper()
		if err := db.SetPresence(ctx, replica, agents, since); err != nil {
			t.Fatalf("SetPresence(%s): %v", replica, err)
		}
	}
	elsewhere("a")

	// Agent 7 streams on b, and was also active on a; key user -3 (an API
	// key's) was active on b a while ago; 9 only on a.
	set("b", los.PresentAgent{UserID: 7, LastSeen: now, Streams: 1},
		los.PresentAgent{UserID: -3, LastSeen: now.Add(-30 * time.Second)})
	set("a", los.PresentAgent{UserID: 7, LastSeen: now.Add(-10 * time.Second)},
		los.PresentAgent{UserID: 9, LastSeen: now})
	elsewhere("a", -3, 7)
	elsewhere("b", 7, 9)
	elsewhere("c", -3, 7, 9) // 7 on two replicas counts once

	// b's next heartbeat: 7 closed the stream and left; only b's rows change.
	set("b", los.PresentAgent{UserID: -3, LastSeen: now.Add(-30 * time.Second)})
	elsewhere("a", -3)
	elsewhere("b", 7, 9)

	// Rows seen a window ago or earlier do not count, and the next write of any
	// replica deletes them.
	set("c", los.PresentAgent{UserID: 5, LastSeen: since}) // exactly a window ago: gone, as in memory
	elsewhere("a", -3)
	since = now.Add(-20 * time.Second)
	set("a") // a has nobody now; -3 on b is past the new window
	elsewhere("z")
	since = now.Add(-time.Hour)
	elsewhere("z") // deleted, not merely outside the window

	set("a", los.PresentAgent{UserID: 2, LastSeen: now})
	if err := db.SetPresence(ctx, "a", []los.PresentAgent{{UserID: 1, LastSeen: now}, {UserID: 1, LastSeen: now}}, since); los.ErrorCode(err) != los.ECONFLICT {
		t.Fatalf("one agent twice on one replica: %v, want a conflict", err)
	}
	elsewhere("z", 2) // the failed write changed nothing
}
