package web

import (
	"fmt"
	"sync"

	"github.com/los-bot/los"
)

// Limits on long-lived streams: each holds a connection, a goroutine and,
// while it reads, a database connection.
const (
	// MaxInboxStreams is how many live inboxes one agent may have open
	// (tabs, devices).
	MaxInboxStreams = 5
	// MaxTurnStreams is how many streamed answers one conversation may
	// wait for at once.
	MaxTurnStreams = 2
)

// streams counts the open streams per key.
type streams struct {
	mu   sync.Mutex
	open map[string]int
}

// OpenStream counts a stream of key (an agent, a conversation), refusing
// it with 429 when max are open already. Call release when it ends.
func (s *Server) OpenStream(key string, max int) (release func(), err error) {
	s.streams.mu.Lock()
	defer s.streams.mu.Unlock()
	if s.streams.open == nil {
		s.streams.open = map[string]int{}
	}
	if s.streams.open[key] >= max {
		return nil, &los.Error{Code: los.ELIMIT, Key: "error.too_many_streams",
			Message: fmt.Sprintf("%d streams are open already; close one first", max)}
	}
	s.streams.open[key]++
	var once sync.Once
	return func() {
		once.Do(func() {
			s.streams.mu.Lock()
			defer s.streams.mu.Unlock()
			if s.streams.open[key]--; s.streams.open[key] <= 0 {
				delete(s.streams.open, key)
			}
		})
	}, nil
}
