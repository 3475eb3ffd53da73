package agent

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/web/webtest"
)

// queueOnly is a desk whose queue the test sets; nothing else is called.
type queueOnly struct {
	Desk
	mu    sync.Mutex
	items []los.QueueItem
	reads int
}

func (q *queueOnly) DeskQueue(context.Context, ...string) ([]los.QueueItem, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.reads++
	return append([]los.QueueItem(nil), q.items...), nil
}

func (q *queueOnly) set(items ...los.QueueItem) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.items = items
}

func item(id, status string) los.QueueItem {
	return los.QueueItem{Handoff: los.Handoff{ConversationID: id, Category: los.CategoryBereavement, Status: status,
		Created: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}, FirstWords: "Hei " + id}
}

// names are the events' names, data after a colon: "items:a,b-c" lists
// changed a and b and removed c.
func names(t *testing.T, evs [][]byte) string {
	t.Helper()
	var out []string
	for _, ev := range evs {
		name, data, _ := strings.Cut(strings.TrimPrefix(string(ev), "event: "), "\ndata: ")
		data = strings.TrimSpace(data)
		switch name {
		case "items":
			var d struct {
				Changed []deskItem `json:"changed"`
				Removed []string   `json:"removed"`
			}
			if err := json.Unmarshal([]byte(data), &d); err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, it := range d.Changed {
				ids = append(ids, it.ConversationID)
			}
			name += ":" + strings.Join(ids, ",") + "-" + strings.Join(d.Removed, ",")
		case "conversation", "typing":
			var d map[string]string
			_ = json.Unmarshal([]byte(data), &d)
			name += ":" + d["id"]
		}
		out = append(out, name)
	}
	return strings.Join(out, " ")
}

func TestFeedSendsWhatChanged(t *testing.T) {
	store := &queueOnly{}
	store.set(item("a", "waiting"), item("b", "waiting"))
	s := webtest.Server(&webtest.Accounts{}, time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC))
	staffing, err := NewStaffing(nil, s.Clock())
	if err != nil {
		t.Fatal(err)
	}
	d := &desk{web: s, store: store, hub: hub.New(), staffing: staffing}
	f := &feed{d: d}
	st := &feedState{}
	if _, _, err := f.reload(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	st.status, _ = json.Marshal(d.status(context.Background()))
	ctx := context.Background()

	steps := []struct {
		name    string
		queue   []los.QueueItem
		changes []hub.Change
		want    string
	}{
		{"nothing changed", nil, []hub.Change{hub.QueueChanged()}, ""},
		{"a claimed", []los.QueueItem{item("a", "claimed"), item("b", "waiting")}, []hub.Change{hub.QueueChanged(), hub.ConversationChanged("a")},
			"items:a- conversation:a"},
		{"b closed, c new", []los.QueueItem{item("a", "claimed"), item("c", "waiting")}, []hub.Change{hub.QueueChanged(), hub.ConversationChanged("b")},
			"items:c-b conversation:b"},
		{"a bot turn elsewhere is not read", nil, []hub.Change{hub.ConversationChanged("z"), hub.CustomerTyping("z")}, ""},
		{"the customer in a types", nil, []hub.Change{hub.CustomerTyping("a"), hub.AgentTyping("a", "Kari")}, "typing:a"},
		{"call-backs", nil, []hub.Change{hub.CallbacksChanged()}, "callbacks"},
	}
	for _, s := range steps {
		if s.queue != nil {
			store.set(s.queue...)
		}
		reads := store.reads
		if got := names(t, f.events(ctx, s.changes, st)); got != s.want {
			t.Errorf("%s: events %q, want %q", s.name, got, s.want)
		}
		if s.name == "a bot turn elsewhere is not read" && store.reads != reads {
			t.Errorf("the queue was read for a conversation outside it")
		}
	}

	// Streams share the bytes; one that falls behind is marked stale
	// instead of being waited for.
	slow, fast := f.join(ctx), f.join(ctx)
	defer f.leave(slow)
	defer f.leave(fast)
	for range memberBuffer + 1 {
		f.broadcast(context.Background(), []byte("event: x\n\n"))
		<-fast.events
	}
	if !slow.stale.Load() || fast.stale.Load() {
		t.Errorf("stale: slow %v, fast %v", slow.stale.Load(), fast.stale.Load())
	}
}
