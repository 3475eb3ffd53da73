package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/internal/pgtest"
)

// TestReplicasOnPostgres runs two los serve processes on one throw-away
// PostgreSQL database, as two replicas behind a proxy, and checks what a
// customer, an agent and an editor must see whichever replica they reach,
// then kills one with SIGKILL during 50 conversations.
func TestReplicasOnPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PostgreSQL and three los processes")
	}
	dsn := pgtest.NewDatabase(t)
	envA := replicaEnv(t, dsn)
	a := startReplica(t, "A", envA)
	b := startReplica(t, "B", replicaEnv(t, dsn))
	agentKey := newKey(t, dsn, "desk", auth.ScopeAgent)
	editorKey := newKey(t, dsn, "editor", auth.ScopeKBWrite)

	t.Run("handoff on A reaches an inbox on B", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		events := sseEvents(t, ctx, b.url+"/api/v1/agent/queue/stream", agentKey)
		if ev := <-events; ev[0] != "queue" {
			t.Fatalf("first event %v, want the queue", ev)
		}
		c := &customer{ip: "10.1.0.1"}
		if err := c.start(a.url); err != nil {
			t.Fatal(err)
		}
		sent := time.Now()
		res, code, err := c.send(a.url, "Jeg vil snakke med et menneske.")
		if err != nil || code != 200 || res.Action != "handoff_now" {
			t.Fatalf("turn on A: %+v, %d, %v", res, code, err)
		}
		deadline := time.After(time.Second)
		for {
			select {
			case ev, ok := <-events:
				if !ok {
					t.Fatal("B's inbox stream ended")
				}
				if (ev[0] == "queue" || ev[0] == "items") && strings.Contains(ev[1], c.id) {
					t.Logf("handoff created on A in B's inbox %v after the turn was sent (the turn itself took part of it)", time.Since(sent).Round(time.Millisecond))
					return
				}
			case <-deadline:
				t.Fatal("the handoff did not reach the inbox on B within 1 s of the turn")
			}
		}
	})

	t.Run("article published on A is cited by B", func(t *testing.T) {
		const slug = "kvitteringsfrist-elsykkel"
		art := map[string]any{"slug": slug, "title": "Kvittering for elsykkelstøtte",
			"body": "## Frist for kvittering\nKvitteringen for elsykkelstøtte må lastes opp innen 14 dager etter kjøpet.", "lang": "nb"}
		if code, err := call("POST", a.url+"/api/v1/articles", "", editorKey, art, nil); err != nil || code != 201 {
			t.Fatalf("create on A: %d, %v", code, err)
		}
		if code, err := call("POST", a.url+"/api/v1/articles/"+slug+"/publish", "", editorKey, map[string]int{}, nil); err != nil || code != 200 {
			t.Fatalf("publish on A: %d, %v", code, err)
		}
		published := time.Now()
		for i := 0; ; i++ {
			c := &customer{ip: fmt.Sprintf("10.2.0.%d", i%250+1)}
			if err := c.start(b.url); err != nil {
				t.Fatal(err)
			}
			res, code, err := c.send(b.url, "Hva er fristen for kvittering for elsykkelstøtte?")
			if err != nil || code != 200 {
				t.Fatalf("turn on B: %d, %v", code, err)
			}
			if slices.Contains(res.Citations, slug) {
				t.Logf("B cited the article %v after A published it (%d questions asked)", time.Since(published).Round(time.Millisecond), i+1)
				return
			}
			if time.Since(published) > time.Second {
				t.Fatalf("B did not cite the article within 1 s of its publication (%d questions; last citations %v)", i+1, res.Citations)
			}
		}
	})

	t.Run("kill -9 A during 50 conversations", func(t *testing.T) {
		const convs, turns = 50, 5
		var acked, retried, afterKill atomic.Int64
		killAt := make(chan struct{})
		var once sync.Once
		type record struct {
			c     *customer
			acked []string
			onB   int
		}
		recs := make([]*record, convs)
		var wg sync.WaitGroup
		for i := range convs {
			r := &record{c: &customer{ip: fmt.Sprintf("10.3.%d.%d", i/200, i%200+1)}}
			recs[i] = r
			wg.Go(func() {
				base := a.url
				if err := r.c.start(base); err != nil {
					t.Errorf("conversation %d: %v", i, err)
					return
				}
				for k := range turns {
					text := fmt.Sprintf("Samtale %d, melding %d: hvordan endrer jeg fakturaadressen?", i, k)
					_, code, err := r.c.send(base, text)
					if (err != nil || code >= 500) && base == a.url {
						// The proxy's reconnect: the same message, once, to B.
						base = b.url
						retried.Add(1)
						_, code, err = r.c.send(base, text)
					}
					if err != nil || code != 200 {
						t.Errorf("conversation %d, message %d on %s: %d, %v", i, k, base, code, err)
						return
					}
					r.acked = append(r.acked, text)
					if base == b.url {
						r.onB++
						afterKill.Add(1)
					}
					if acked.Add(1) == convs*turns/2 {
						once.Do(func() { close(killAt) })
					}
				}
			})
		}
		<-killAt
		a.kill()
		wg.Wait()
		if t.Failed() {
			return
		}
		lost, doubled, continued := 0, 0, 0
		for i, r := range recs {
			tr, err := r.c.transcript(b.url)
			if err != nil {
				t.Fatalf("conversation %d on B: %v", i, err)
			}
			seen := map[string]int{}
			for _, m := range tr.Messages {
				if m.Role == "customer" {
					seen[m.Text]++
				}
			}
			for _, text := range r.acked {
				switch seen[text] {
				case 0:
					lost++
					t.Errorf("conversation %d: acknowledged %q is missing", i, text)
				case 1:
				default:
					doubled++
				}
			}
			if r.onB > 0 {
				continued++
			}
		}
		t.Logf("%d conversations, %d messages acknowledged (%d by B after A was killed), %d lost, %d resent to B after A died, %d stored twice (A had stored them before dying, B again), %d conversations continued on B",
			convs, acked.Load(), afterKill.Load(), lost, retried.Load(), doubled, continued)
		if continued == 0 {
			t.Error("no conversation continued on B")
		}
	})

	t.Run("restarted A catches up", func(t *testing.T) {
		const slug = "parkering-ved-kontoret"
		art := map[string]any{"slug": slug, "title": "Parkering ved kontoret",
			"body": "## Gjesteparkering\nGjesteparkeringen ved kontoret er i bakgården, plass 7 til 12.", "lang": "nb"}
		if code, err := call("POST", b.url+"/api/v1/articles", "", editorKey, art, nil); err != nil || code != 201 {
			t.Fatalf("create on B: %d, %v", code, err)
		}
		if code, err := call("POST", b.url+"/api/v1/articles/"+slug+"/publish", "", editorKey, map[string]int{}, nil); err != nil || code != 200 {
			t.Fatalf("publish on B: %d, %v", code, err)
		}
		a = startReplica(t, "A again", envA) // the same data directory: its index is stale
		c := &customer{ip: "10.4.0.1"}
		if err := c.start(a.url); err != nil {
			t.Fatal(err)
		}
		res, code, err := c.send(a.url, "Hvor er gjesteparkeringen ved kontoret?")
		if err != nil || code != 200 || !slices.Contains(res.Citations, slug) {
			t.Fatalf("restarted A: %+v, %d, %v; want the article published while it was down cited", res, code, err)
		}
	})
}
