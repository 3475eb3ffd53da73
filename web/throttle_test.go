package web

import (
	"testing"
	"time"
)

func TestThrottle(t *testing.T) {
	var th Throttle
	t0 := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	steps := []struct {
		key  string
		at   time.Duration
		want bool
	}{
		{"a", 0, true},
		{"a", 500 * time.Millisecond, false},
		{"b", 500 * time.Millisecond, true},
		{"a", time.Second, true},
		{"a", 1999 * time.Millisecond, false},
	}
	for _, s := range steps {
		if got := th.Allow(s.key, t0.Add(s.at), time.Second); got != s.want {
			t.Errorf("Allow(%s, +%v) = %v, want %v", s.key, s.at, got, s.want)
		}
	}
}
