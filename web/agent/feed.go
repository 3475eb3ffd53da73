package agent

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/los-bot/los/hub"
)

// feed turns what the hub publishes into the inbox stream's events once
// for all open inboxes: per batch of changes it reads the queue once,
// compares it with the queue it read before and encodes what changed
// ("items": changed and removed entries), the service's state ("status")
// when it changed, and the conversations and call-backs that changed.
// Each open stream gets the same bytes. A change costs one read of the
// queue however many inboxes are open, and each inbox receives only the
// entries that changed. The feed runs while a stream is open.
type feed struct {
	d *desk

	mu      sync.Mutex
	members map[*member]struct{}
	stop    context.CancelFunc
}

// member is one open stream's place in the feed.
type member struct {
	events chan []byte // encoded events, in order
	// stale is set when events was full: the stream missed some and
	// sends the whole queue again.
	stale atomic.Bool
}

// memberBuffer is how many events a slow stream may fall behind before
// it is sent the whole queue instead.
const memberBuffer = 64

// join adds a stream to the feed, starting the feed if it is the first.
// The stream then reads its own first queue: the feed's first read of
// the queue is done by then, so each change after that stream's read
// reaches it as a delta.
func (f *feed) join(ctx context.Context) *member {
	m := &member{events: make(chan []byte, memberBuffer)}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.members == nil {
		f.members = map[*member]struct{}{}
	}
	f.members[m] = struct{}{}
	if f.stop == nil {
		sub := f.d.hub.Subscribe() // before the first read: nothing is missed
		st := &feedState{}
		if _, _, err := f.reload(ctx, st); err != nil {
			f.d.web.Log().Warn("inbox feed", "err", err)
		}
		st.status, _ = json.Marshal(f.d.status(ctx))
		run, cancel := context.WithCancel(context.Background())
		f.stop = cancel
		go f.run(run, sub, st)
	}
	return m
}

// leave removes a stream; the feed stops with the last one.
func (f *feed) leave(m *member) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.members, m)
	if len(f.members) == 0 && f.stop != nil {
		f.stop()
		f.stop = nil
	}
}

// broadcast gives every open stream ev; a stream whose buffer is full is
// marked stale instead of being waited for. A feed that was stopped
// (checked under the lock its stopping takes) sends nothing more: the
// streams of a feed started since read a newer queue.
func (f *feed) broadcast(ctx context.Context, ev []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if ctx.Err() != nil {
		return
	}
	for m := range f.members {
		select {
		case m.events <- ev:
		default:
			m.stale.Store(true)
		}
	}
}

// feedState is what the feed sent last: each queued conversation's
// entry, encoded, and the service's state.
type feedState struct {
	items  map[string][]byte
	status []byte
}

func (f *feed) run(ctx context.Context, sub *hub.Subscriber, st *feedState) {
	defer f.d.hub.Unsubscribe(sub)
	for {
		select {
		case <-ctx.Done():
			return
		case <-sub.Wake():
		}
		for _, ev := range f.events(ctx, sub.Take(), st) {
			f.broadcast(ctx, ev)
		}
	}
}

// reload reads the queue into st; it returns the entries that changed
// or joined it, encoded, and the conversations that left it.
func (f *feed) reload(ctx context.Context, st *feedState) (changed []json.RawMessage, removed []string, err error) {
	items, err := f.d.store.DeskQueue(ctx)
	if err != nil {
		return nil, nil, err
	}
	next := make(map[string][]byte, len(items))
	for _, it := range items {
		b, err := json.Marshal(newDeskItem(it))
		if err != nil {
			return nil, nil, err
		}
		next[it.ConversationID] = b
		if old, ok := st.items[it.ConversationID]; !ok || !bytes.Equal(old, b) {
			changed = append(changed, b)
		}
	}
	for id := range st.items {
		if _, ok := next[id]; !ok {
			removed = append(removed, id)
		}
	}
	st.items = next
	return changed, removed, nil
}

// events turns a batch of changes into the stream's events.
func (f *feed) events(ctx context.Context, changes []hub.Change, st *feedState) [][]byte {
	var out [][]byte
	add := func(name string, data any) {
		b, err := json.Marshal(data)
		if err != nil {
			f.d.web.Log().Error("inbox feed", "event", name, "err", err)
			return
		}
		out = append(out, fmt.Appendf(nil, "event: %s\ndata: %s\n\n", name, b))
	}
	queued := func(id string) bool { _, ok := st.items[id]; return ok }

	reload, status := false, false
	for _, ch := range changes {
		switch {
		case ch.Kind == hub.Queue:
			reload, status = true, true
		case ch.Kind == hub.Conversation && queued(ch.ID):
			reload = true // its count of messages may have changed
		}
	}
	before := st.items
	if reload {
		changed, removed, err := f.reload(ctx, st)
		if err != nil {
			f.d.web.Log().Warn("inbox feed", "err", err)
		} else if len(changed) > 0 || len(removed) > 0 {
			add("items", itemsEvent{Changed: nonNil(changed), Removed: nonNil(removed)})
		}
	}
	if status {
		if b, err := json.Marshal(f.d.status(ctx)); err == nil && !bytes.Equal(b, st.status) {
			st.status = b
			add("status", json.RawMessage(b))
		}
	}
	for _, ch := range changes {
		_, was := before[ch.ID]
		switch {
		case ch.Kind == hub.Callbacks:
			add("callbacks", struct{}{})
		case ch.Kind == hub.Conversation && (queued(ch.ID) || was):
			add("conversation", map[string]string{"id": ch.ID})
		case ch.Kind == hub.Typing && ch.Who == "customer" && queued(ch.ID):
			add("typing", map[string]string{"id": ch.ID, "who": "customer"})
		}
	}
	return out
}

// itemsEvent is the "items" event: the queue's entries that changed or
// joined it, and the IDs of the conversations that left it.
type itemsEvent struct {
	Changed []json.RawMessage `json:"changed"`
	Removed []string          `json:"removed"`
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
