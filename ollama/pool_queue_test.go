package ollama

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/los-bot/los"
)

// TestPoolQueue: with every host at its limit, chats wait in a bounded
// queue, oldest first; one more than the queue holds is refused at once,
// and a chat that waits longer than QueueWait is refused then, with
// EUNAVAILABLE. No host ever runs more chats than its limit. (Fake time:
// the waits take no real time.)
func TestPoolQueue(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		started := make(chan struct{}, 16)
		release := make(chan struct{})
		a, b := &fakeHost{chat: hold(started, release)}, &fakeHost{chat: hold(started, release)}
		p := fakePool(PoolConfig{Concurrency: 2, Queue: 2, QueueWait: 2 * time.Second}, a, b)
		ctx := context.Background()
		type result struct {
			err  error
			took time.Duration
		}
		results := make(chan result, 16)
		launch := func(n int) {
			for range n {
				go func() {
					start := time.Now()
					_, err := collect(ctx, p)
					results <- result{err, time.Since(start)}
				}()
			}
			synctest.Wait()
		}

		launch(4)
		if len(started) != 4 || stateOf(p, 0).InFlight != 2 || stateOf(p, 1).InFlight != 2 {
			t.Fatalf("%d chats started, in flight %d and %d; want 2 on each host", len(started), stateOf(p, 0).InFlight, stateOf(p, 1).InFlight)
		}
		launch(2)
		if w := p.Snapshot().Waiting; w != 2 || len(started) != 4 {
			t.Fatalf("%d waiting, %d started; want 2 waiting", w, len(started))
		}
		_, err := collect(ctx, p)
		if los.ErrorCode(err) != los.EUNAVAILABLE || !strings.Contains(err.Error(), "2 chats already wait") {
			t.Fatalf("a chat beyond the queue: %v, want EUNAVAILABLE at once", err)
		}

		release <- struct{}{} // one chat ends: the oldest waiting chat takes its place
		synctest.Wait()
		if r := <-results; r.err != nil {
			t.Fatal(r.err)
		}
		if w := p.Snapshot().Waiting; w != 1 || len(started) != 5 {
			t.Fatalf("%d waiting, %d started after one chat ended; want 1 and 5", w, len(started))
		}

		time.Sleep(2 * time.Second)
		synctest.Wait()
		r := <-results
		if los.ErrorCode(r.err) != los.EUNAVAILABLE || !strings.Contains(r.err.Error(), "none was free within 2s") || r.took != 2*time.Second {
			t.Fatalf("the last waiting chat: %v after %v, want EUNAVAILABLE after 2s", r.err, r.took)
		}
		close(release)
		for range 4 {
			if r := <-results; r.err != nil {
				t.Error(r.err)
			}
		}
		for i, h := range []*fakeHost{a, b} {
			if _, most, _, _ := h.count(); most > 2 {
				t.Errorf("host %d ran %d chats at once, limit 2", i, most)
			}
		}
		if s := p.Snapshot(); s.Refused != 2 || s.Waiting != 0 {
			t.Errorf("refused %d, waiting %d; want 2 and 0", s.Refused, s.Waiting)
		}
	})
}

// TestPoolNoQueue: Queue 0 refuses at once when every host is busy.
func TestPoolNoQueue(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		started, release := make(chan struct{}, 1), make(chan struct{})
		p := fakePool(PoolConfig{Concurrency: 1}, &fakeHost{chat: hold(started, release)})
		go collect(context.Background(), p)
		<-started
		start := time.Now()
		if _, err := collect(context.Background(), p); los.ErrorCode(err) != los.EUNAVAILABLE || time.Since(start) != 0 {
			t.Errorf("%v after %v, want EUNAVAILABLE at once", err, time.Since(start))
		}
		close(release)
	})
}

// TestPoolWaitEndsWithCaller: a waiting chat whose caller gives up leaves
// the queue with the caller's cause, and is not counted as refused.
func TestPoolWaitEndsWithCaller(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		started, release := make(chan struct{}, 1), make(chan struct{})
		p := fakePool(PoolConfig{Concurrency: 1, Queue: 4, QueueWait: time.Minute}, &fakeHost{chat: hold(started, release)})
		go collect(context.Background(), p)
		<-started
		tooSlow := errors.New("first token too late")
		ctx, cancel := context.WithCancelCause(context.Background())
		errc := make(chan error)
		go func() { _, err := collect(ctx, p); errc <- err }()
		synctest.Wait()
		cancel(tooSlow)
		if err := <-errc; !errors.Is(err, tooSlow) {
			t.Errorf("error %v, want the caller's cause", err)
		}
		if s := p.Snapshot(); s.Waiting != 0 || s.Refused != 0 {
			t.Errorf("waiting %d, refused %d; want 0 and 0", s.Waiting, s.Refused)
		}
		close(release)
	})
}

// TestPoolRetryWaitsForRoom: a chat whose host failed before the first
// token waits in the queue for room on the other host, and gets it.
func TestPoolRetryWaitsForRoom(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		started, relA, relB := make(chan struct{}, 4), make(chan struct{}), make(chan struct{})
		a := &fakeHost{chat: hold(started, relA)}
		b := &fakeHost{chat: hold(started, relB)}
		p := fakePool(PoolConfig{Concurrency: 1, Queue: 4, QueueWait: time.Minute}, a, b)
		errc := make(chan error, 3)
		run := func() { _, err := collect(context.Background(), p); errc <- err }
		go run() // a, held
		<-started
		go run() // b, held
		<-started
		a.set(func(f *fakeHost) { f.chat = func(context.Context, los.ChatFunc) error { return refused() } })
		b.set(func(f *fakeHost) { f.chat = nil }) // answers, once it has room
		relA <- struct{}{}
		if err := <-errc; err != nil {
			t.Fatal(err)
		}

		got := make(chan string, 1)
		go func() { r, err := collect(context.Background(), p); got <- pieces(r); errc <- err }() // a fails; b is full
		synctest.Wait()
		if w := p.Snapshot().Waiting; w != 1 {
			t.Fatalf("%d waiting, want the retry waiting for b", w)
		}
		close(relB)
		if s := <-got; s != "Hei+done" {
			t.Errorf("the retried chat got %q", s)
		}
		for range 2 {
			if err := <-errc; err != nil {
				t.Error(err)
			}
		}
		if s := p.Snapshot(); s.Retries != 1 || s.Hosts[0].State != los.HostDown {
			t.Errorf("%d retries, host a %s; want 1 and down", s.Retries, s.Hosts[0].State)
		}
	})
}
