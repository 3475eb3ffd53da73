package hub

import (
	"slices"
	"sync"
	"testing"
)

func TestPublishCoalescesAndWakes(t *testing.T) {
	h := New()
	s := h.Subscribe()
	defer h.Unsubscribe(s)
	h.Publish(QueueChanged(), ConversationChanged("a"))
	h.Publish(ConversationChanged("a"), CallbacksChanged())
	select {
	case <-s.Wake():
	default:
		t.Fatal("subscriber not woken")
	}
	got := s.Take()
	want := []Change{QueueChanged(), ConversationChanged("a"), CallbacksChanged()}
	if len(got) != len(want) {
		t.Fatalf("took %v, want %v once each", got, want)
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("took %v, missing %v", got, w)
		}
	}
	if again := s.Take(); len(again) != 0 {
		t.Errorf("took %v again, want nothing", again)
	}
}

func TestUnsubscribedHearsNothing(t *testing.T) {
	h := New()
	s := h.Subscribe()
	h.Unsubscribe(s)
	h.Publish(QueueChanged())
	if got := s.Take(); len(got) != 0 {
		t.Errorf("unsubscribed took %v", got)
	}
}

func TestPublishNeverBlocks(t *testing.T) {
	h := New()
	subs := []*Subscriber{h.Subscribe(), h.Subscribe()}
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				h.Publish(ConversationChanged(string(rune('a' + i))))
			}
		}()
	}
	wg.Wait() // nobody read: publishing must still finish
	for _, s := range subs {
		if got := s.Take(); len(got) != 4 {
			t.Errorf("took %d changes, want the 4 conversations once each", len(got))
		}
	}
}

func TestSubscribeToHearsOneConversation(t *testing.T) {
	h := New()
	all := h.Subscribe()
	a := h.SubscribeTo("a")
	b := h.SubscribeTo("b")
	h.Publish(QueueChanged(), ConversationChanged("a"), CustomerTyping("a"), CallbacksChanged(), AgentTyping("b", "Kari"))
	got := a.Take()
	if len(got) != 2 || !slices.Contains(got, ConversationChanged("a")) || !slices.Contains(got, CustomerTyping("a")) {
		t.Errorf("a took %v; want its conversation and typing only", got)
	}
	if got := b.Take(); len(got) != 1 || got[0] != AgentTyping("b", "Kari") || got[0].Who != "agent:Kari" {
		t.Errorf("b took %v", got)
	}
	if got := all.Take(); len(got) != 5 {
		t.Errorf("the subscriber to everything took %v", got)
	}
	h.Unsubscribe(a)
	h.Publish(ConversationChanged("a"))
	if got := a.Take(); len(got) != 0 {
		t.Errorf("unsubscribed a took %v", got)
	}
	if len(h.topics) != 1 {
		t.Errorf("topics left: %v; want b's only", h.topics)
	}
}
