// Package hub tells open agent inboxes what changed: the queue, a
// conversation, the call-back list. Writers publish changes; each inbox
// stream subscribes, and a slow one coalesces what it has not yet sent
// instead of blocking the writer or losing a change.
package hub

import "sync"

// Kind is what changed.
type Kind string

// The kinds of change.
const (
	Queue        Kind = "queue"        // the queue or the service's state
	Conversation Kind = "conversation" // a conversation, named by ID
	Callbacks    Kind = "callbacks"    // the call-back list
)

// Change is one thing an inbox shows that changed.
type Change struct {
	Kind Kind
	ID   string // the conversation, for Conversation
}

// QueueChanged says that the queue changed.
func QueueChanged() Change { return Change{Kind: Queue} }

// ConversationChanged says that conversation id changed.
func ConversationChanged(id string) Change { return Change{Kind: Conversation, ID: id} }

// CallbacksChanged says that the call-back list changed.
func CallbacksChanged() Change { return Change{Kind: Callbacks} }

// Hub passes changes to its subscribers. The zero value is not usable;
// build it with New.
type Hub struct {
	mu   sync.Mutex
	subs map[*Subscriber]struct{}
}

// Subscriber is one listener: it is woken on Wake and takes the changes
// pending since it last took them.
type Subscriber struct {
	wake    chan struct{}
	mu      sync.Mutex
	pending map[Change]struct{}
}

// New returns a hub without subscribers.
func New() *Hub { return &Hub{subs: map[*Subscriber]struct{}{}} }

// Subscribe adds a subscriber; Unsubscribe it when done.
func (h *Hub) Subscribe() *Subscriber {
	s := &Subscriber{wake: make(chan struct{}, 1), pending: map[Change]struct{}{}}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.subs[s] = struct{}{}
	return s
}

// Unsubscribe removes s.
func (h *Hub) Unsubscribe(s *Subscriber) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs, s)
}

// Publish records changes with every subscriber and wakes them. It never
// blocks on a subscriber.
func (h *Hub) Publish(changes ...Change) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		s.mu.Lock()
		for _, c := range changes {
			s.pending[c] = struct{}{}
		}
		s.mu.Unlock()
		select {
		case s.wake <- struct{}{}:
		default:
		}
	}
}

// Wake receives a value when changes are pending.
func (s *Subscriber) Wake() <-chan struct{} { return s.wake }

// Take returns and clears the pending changes, each once.
func (s *Subscriber) Take() []Change {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Change, 0, len(s.pending))
	for c := range s.pending {
		out = append(out, c)
	}
	clear(s.pending)
	return out
}
