package ollama

import (
	"context"
	"testing"

	"github.com/los-bot/los"
)

// The pool's cost per chat: picking a host, counting it busy, wrapping the
// stream, judging the outcome and releasing the host. The fake hosts
// answer at once with two pieces, so the figures are the pool's own.
// Compare with BenchmarkDirectChat, the same fake without a pool.

var benchReq = &los.ChatRequest{Model: "tiny", Stream: true}

func discard(los.ChatResponse) error { return nil }

func BenchmarkDirectChat(b *testing.B) {
	h := &fakeHost{}
	ctx := context.Background()
	for b.Loop() {
		if err := h.Chat(ctx, benchReq, discard); err != nil {
			b.Fatal(err)
		}
	}
}

func benchPool(b *testing.B, hosts int, parallel bool) {
	fakes := make([]*fakeHost, hosts)
	for i := range fakes {
		fakes[i] = &fakeHost{}
	}
	p := fakePool(PoolConfig{Concurrency: 1 << 20}, fakes...)
	ctx := context.Background()
	b.ReportAllocs()
	if !parallel {
		for b.Loop() {
			if err := p.Chat(ctx, benchReq, discard); err != nil {
				b.Fatal(err)
			}
		}
		return
	}
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := p.Chat(ctx, benchReq, discard); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func BenchmarkPoolChat(b *testing.B) {
	b.Run("1 host", func(b *testing.B) { benchPool(b, 1, false) })
	b.Run("4 hosts", func(b *testing.B) { benchPool(b, 4, false) })
	b.Run("4 hosts parallel", func(b *testing.B) { benchPool(b, 4, true) })
	b.Run("16 hosts parallel", func(b *testing.B) { benchPool(b, 16, true) })
}

// BenchmarkPoolQueued: every chat finds the one slot taken and waits in
// the queue for the chat before it to end.
func BenchmarkPoolQueued(b *testing.B) {
	p := fakePool(PoolConfig{Concurrency: 1, Queue: 1 << 20, QueueWait: 1 << 40}, &fakeHost{})
	ctx := context.Background()
	b.ReportAllocs()
	b.SetParallelism(4)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := p.Chat(ctx, benchReq, discard); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
