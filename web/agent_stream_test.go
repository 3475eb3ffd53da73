package web_test

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/hub"
	"github.com/los-bot/los/locales"
	"github.com/los-bot/los/store"
	"github.com/los-bot/los/web"
	"github.com/los-bot/los/web/agent"
)

type sse struct {
	name, data string
}

// openStream opens the inbox stream and returns its events as they come.
// As the inbox page does, it folds the deltas ("items", "status") into
// the queue it had and passes the result on as a "queue" event after
// each of them.
func (b *browser) openStream(t *testing.T) <-chan sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, "GET", b.base+"/api/v1/agent/queue/stream", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := b.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("stream: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	out := make(chan sse, 64)
	go func() {
		defer close(out)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var ev sse
		var q queueResp
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			case line == "" && ev.name != "":
				if folded, ok := b.fold(&q, ev); ok {
					out <- folded
				} else {
					out <- ev
				}
				ev = sse{}
			}
		}
	}()
	return out
}

// fold applies a queue event or delta to q; ok reports that ev was one,
// and folded is the queue after it, as a "queue" event.
func (b *browser) fold(q *queueResp, ev sse) (folded sse, ok bool) {
	switch ev.name {
	case "queue":
		*q = queueResp{}
		if err := json.Unmarshal([]byte(ev.data), q); err != nil {
			b.t.Errorf("queue event: %v", err)
		}
		return ev, true
	case "status":
		if err := json.Unmarshal([]byte(ev.data), &q.Status); err != nil {
			b.t.Errorf("status event: %v", err)
		}
	case "items":
		var d struct {
			Changed []queueItemResp `json:"changed"`
			Removed []string        `json:"removed"`
		}
		if err := json.Unmarshal([]byte(ev.data), &d); err != nil {
			b.t.Errorf("items event: %v", err)
		}
		gone := map[string]bool{}
		for _, id := range d.Removed {
			gone[id] = true
		}
		for _, it := range d.Changed {
			gone[it.ConversationID] = true // replaced below
		}
		q.Items = slices.DeleteFunc(q.Items, func(it queueItemResp) bool { return gone[it.ConversationID] })
		for _, it := range d.Changed {
			it.Mine = it.ClaimedBy == b.email
			q.Items = append(q.Items, it)
		}
		slices.SortFunc(q.Items, func(x, y queueItemResp) int {
			if c := cmp.Compare(y.Severity.Rank(), x.Severity.Rank()); c != 0 {
				return c
			}
			if c := x.Created.Compare(y.Created); c != 0 {
				return c
			}
			return cmp.Compare(x.ID, y.ID)
		})
	default:
		return ev, false
	}
	data, err := json.Marshal(q)
	if err != nil {
		b.t.Error(err)
	}
	return sse{name: "queue", data: string(data)}, true
}

// next waits for the next event named name, skipping others.
func next(t *testing.T, events <-chan sse, name string) sse {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatalf("stream ended while waiting for %q", name)
			}
			if ev.name == name {
				return ev
			}
		case <-timeout:
			t.Fatalf("no %q event within 10 s", name)
		}
	}
}

// nextQueue waits for a queue event that satisfies ok.
func nextQueue(t *testing.T, events <-chan sse, ok func(queueResp) bool) queueResp {
	t.Helper()
	for {
		var q queueResp
		ev := next(t, events, "queue")
		if err := json.Unmarshal([]byte(ev.data), &q); err != nil {
			t.Fatal(err)
		}
		if ok(q) {
			return q
		}
	}
}

func TestQueueStream(t *testing.T) {
	e := newDeskEnv(t)
	kari := e.login(t, "kari@example.no")
	events := kari.openStream(t)
	q := nextQueue(t, events, func(q queueResp) bool { return true })
	if len(q.Items) != 0 || q.Status.AgentsOnline != 1 {
		t.Fatalf("first queue event = %+v; want empty, one agent online", q)
	}

	c := e.customer(t)
	c.say("Mannen min døde i forrige uke, og jeg vet ikke hva jeg skal gjøre med strømavtalen hans")
	q = nextQueue(t, events, func(q queueResp) bool { return len(q.Items) == 1 })
	if it := q.Items[0]; it.ConversationID != c.id || it.Reason != "bereavement" || it.Status != "waiting" {
		t.Errorf("pushed item = %+v", it)
	}

	if resp, body := kari.do("POST", "/api/v1/agent/conversations/"+c.id+"/claim", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("claim: %d %s", resp.StatusCode, body)
	}
	nextQueue(t, events, func(q queueResp) bool { return len(q.Items) == 1 && q.Items[0].Mine })

	// The customer writes to the held conversation: the inbox hears of it.
	if res := c.say("Er du der?"); !res.Held {
		t.Fatalf("not held: %+v", res)
	}
	if ev := next(t, events, "conversation"); !strings.Contains(ev.data, c.id) {
		t.Errorf("conversation event = %s", ev.data)
	}

	c.do("POST", "/api/v1/conversations/"+c.id+"/callback", `{"name":"Kari","phone":"91234567"}`)
	next(t, events, "callbacks")

	if resp, body := kari.do("POST", "/api/v1/agent/conversations/"+c.id+"/close", `{"outcome":"resolved"}`); resp.StatusCode != http.StatusOK {
		t.Fatalf("close: %d %s", resp.StatusCode, body)
	}
	nextQueue(t, events, func(q queueResp) bool { return len(q.Items) == 0 })
}

// TestStreamEndsOnShutdown checks that an open inbox stream does not hold
// up a graceful shutdown.
func TestStreamEndsOnShutdown(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "los.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	hash, _ := auth.HashPassword(testPassword)
	if err := db.CreateUser(ctx, &auth.User{Email: "kari@example.no", Role: auth.RoleAgent, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	s := web.New(web.Config{Texts: locales.MustLoad(), Accounts: db, Audit: db})
	agent.Routes(s, agent.Deps{Desk: db, Hub: hub.New()})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := s.HTTPServer(ln.Addr().String())
	go hs.Serve(ln)

	br := newBrowser(t, "http://"+ln.Addr().String())
	if resp, body := br.submitLogin("kari@example.no", testPassword); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in: %d %s", resp.StatusCode, body)
	}
	events := br.openStream(t)
	next(t, events, "queue")

	sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		t.Fatalf("shutdown with an open inbox stream: %v", err)
	}
	for range events {
	}
}
