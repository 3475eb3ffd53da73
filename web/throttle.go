package web

import (
	"sync"
	"time"
)

// Throttle lets one event per key through per interval, for signals
// that say nothing new when repeated (someone is typing). The zero value
// is ready to use.
type Throttle struct {
	mu   sync.Mutex
	last map[string]time.Time
}

// Allow reports whether key may pass at now, at most once per every.
func (t *Throttle) Allow(key string, now time.Time, every time.Duration) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.last == nil {
		t.last = map[string]time.Time{}
	}
	if last, ok := t.last[key]; ok && now.Sub(last) < every {
		return false
	}
	if len(t.last) >= 10000 { // forget the quiet ones
		for k, at := range t.last {
			if now.Sub(at) >= every {
				delete(t.last, k)
			}
		}
	}
	t.last[key] = now
	return true
}
