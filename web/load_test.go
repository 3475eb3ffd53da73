package web_test

import (
	"context"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/los-bot/los"
	"github.com/los-bot/los/bot"
)

// instant streams a short cited answer at once.
type instant struct{}

func (instant) Chat(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error {
	for _, c := range []string{"Du endrer ", "fakturaadressen ", "på Min side [1]."} {
		if err := fn(los.ChatResponse{Content: c}); err != nil {
			return err
		}
	}
	return fn(los.ChatResponse{Done: true})
}

// BenchmarkAPITurns is a load generator over loopback: conversations post
// messages concurrently through real HTTP, a real SQLite store and a real
// Bleve index, with an instant generator. It reports turns per second and
// latency percentiles.
func BenchmarkAPITurns(b *testing.B) {
	t := b
	e := newEnv(t, instant{})
	const workers = 16
	type conv struct{ id, token string }
	convs := make([]conv, workers)
	for i := range convs {
		convs[i].id, convs[i].token = e.start(t)
	}
	var (
		mu   sync.Mutex
		lat  []time.Duration
		next atomic.Int64
		fail atomic.Int64
	)
	questions := []string{"Hvordan endrer jeg fakturaadressen min?", "Hva koster papirfaktura?", "Korleis seier eg opp avtalen?", "Ruteren blinker rødt"}
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := convs[w]
			for next.Add(1) <= int64(b.N) {
				q := questions[int(next.Load())%len(questions)]
				t0 := time.Now()
				req, _ := http.NewRequest("POST", e.srv.URL+"/api/v1/conversations/"+c.id+"/messages", strings.NewReader(`{"text":"`+q+`"}`))
				req.Header.Set("Authorization", "Bearer "+c.token)
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil || resp.StatusCode != 200 {
					fail.Add(1)
				}
				if resp != nil {
					resp.Body.Close()
				}
				mu.Lock()
				lat = append(lat, time.Since(t0))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if fail.Load() > 0 {
		b.Fatalf("%d of %d turns failed", fail.Load(), b.N)
	}
	slices.Sort(lat)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "turns/s")
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// blocking holds every generation open until release is closed, so SSE
// streams stay open.
type blocking struct {
	started chan struct{}
	release chan struct{}
}

func (g blocking) Chat(ctx context.Context, req *los.ChatRequest, fn los.ChatFunc) error {
	if err := fn(los.ChatResponse{Content: "Et øyeblikk"}); err != nil {
		return err
	}
	g.started <- struct{}{}
	select {
	case <-g.release:
	case <-ctx.Done():
		return ctx.Err()
	}
	return fn(los.ChatResponse{Content: " [1]", Done: true})
}

// BenchmarkOpenStreams opens 1,000 SSE answers at once and reports the
// server's heap and goroutines while they are open.
func BenchmarkOpenStreams(b *testing.B) {
	const streams = 1000
	for b.Loop() {
		t := b
		g := blocking{started: make(chan struct{}, streams), release: make(chan struct{})}
		e := newEnvWith(t, g, func(c *bot.Config) { c.FirstToken = time.Minute })
		var before runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		g0 := runtime.NumGoroutine()
		tr := &http.Transport{MaxConnsPerHost: 0, MaxIdleConnsPerHost: streams}
		client := &http.Client{Transport: tr}
		var wg sync.WaitGroup
		for range streams {
			id, token := e.start(t)
			wg.Add(1)
			go func() {
				defer wg.Done()
				req, _ := http.NewRequest("POST", e.srv.URL+"/api/v1/conversations/"+id+"/messages", strings.NewReader(`{"text":"Hvordan endrer jeg fakturaadressen min?"}`))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Accept", "text/event-stream")
				resp, err := client.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				defer resp.Body.Close()
				readEvents(t, resp.Body)
			}()
		}
		for range streams {
			<-g.started
		}
		var during runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&during)
		b.ReportMetric(float64(during.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MiB")
		b.ReportMetric(float64(during.StackInuse-before.StackInuse)/(1<<20), "stack-MiB")
		b.ReportMetric(float64(runtime.NumGoroutine()-g0)/streams, "goroutines/stream")
		close(g.release)
		wg.Wait()
		tr.CloseIdleConnections()
	}
}
