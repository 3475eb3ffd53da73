// Package hub tells what changed to those who show it live: the open
// agent inboxes (the queue, a conversation, the call-back list, someone
// typing) and a customer's open chat (their own conversation). Writers
// publish changes; each stream subscribes, to everything or to one
// conversation, and a slow one coalesces what it has not yet sent
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
	Typing       Kind = "typing"       // someone is typing in conversation ID
)

// Change is one thing a live view shows that changed.
type Change struct {
	Kind Kind
	ID   string // the conversation, for Conversation and Typing
	// Who is typing: "customer", or the display name of the agent ("" when
	// they have none) prefixed by "agent:".
	Who string
}

// QueueChanged says that the queue changed.
func QueueChanged() Change { return Change{Kind: Queue} }

// ConversationChanged says that conversation id changed.
func ConversationChanged(id string) Change { return Change{Kind: Conversation, ID: id} }

// CallbacksChanged says that the call-back list changed.
func CallbacksChanged() Change { return Change{Kind: Callbacks} }

// CustomerTyping says that the customer is typing in conversation id.
func CustomerTyping(id string) Change { return Change{Kind: Typing, ID: id, Who: "customer"} }

// AgentTyping says that the agent named name ("" for none) is typing in
// conversation id.
func AgentTyping(id, name string) Change { return Change{Kind: Typing, ID: id, Who: "agent:" + name} }

// Hub passes changes to its subscribers. The zero value is not usable;
// build it with New.
type Hub struct {
	mu     sync.Mutex
	subs   map[*Subscriber]struct{}            // hear every change
	topics map[string]map[*Subscriber]struct{} // hear one conversation's
}

// Subscriber is one listener: it is woken on Wake and takes the changes
// pending since it last took them.
type Subscriber struct {
	topic   string
	wake    chan struct{}
	mu      sync.Mutex
	pending map[Change]struct{}
}

// New returns a hub without subscribers.
func New() *Hub {
	return &Hub{subs: map[*Subscriber]struct{}{}, topics: map[string]map[*Subscriber]struct{}{}}
}

func newSubscriber(topic string) *Subscriber {
	return &Subscriber{topic: topic, wake: make(chan struct{}, 1), pending: map[Change]struct{}{}}
}

// Subscribe adds a subscriber to every change; Unsubscribe it when done.
func (h *Hub) Subscribe() *Subscriber {
	s := newSubscriber("")
	h.mu.Lock()
	defer h.mu.Unlock()
	h.subs[s] = struct{}{}
	return s
}

// SubscribeTo adds a subscriber to the changes of conversation id only
// (Conversation and Typing); Unsubscribe it when done. Publishing costs
// nothing for the subscribers of other conversations.
func (h *Hub) SubscribeTo(id string) *Subscriber {
	s := newSubscriber(id)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.topics[id] == nil {
		h.topics[id] = map[*Subscriber]struct{}{}
	}
	h.topics[id][s] = struct{}{}
	return s
}

// Unsubscribe removes s.
func (h *Hub) Unsubscribe(s *Subscriber) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if s.topic == "" {
		delete(h.subs, s)
		return
	}
	delete(h.topics[s.topic], s)
	if len(h.topics[s.topic]) == 0 {
		delete(h.topics, s.topic)
	}
}

// Publish records changes with every subscriber they concern and wakes
// them. It never blocks on a subscriber.
func (h *Hub) Publish(changes ...Change) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		s.add(changes...)
	}
	for _, c := range changes {
		if c.ID == "" || (c.Kind != Conversation && c.Kind != Typing) {
			continue
		}
		for s := range h.topics[c.ID] {
			s.add(c)
		}
	}
}

func (s *Subscriber) add(changes ...Change) {
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
