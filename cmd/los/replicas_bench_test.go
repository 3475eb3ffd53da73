package main

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/los-bot/los/internal/pgtest"
)

// BenchmarkTurnsOnReplicas measures turns per second and their latency
// (p50, p99) through the conversation API: one los serve on SQLite, then
// 1, 2 and 3 replicas on one PostgreSQL database, in the same run. The
// model is absent (every answer extractive, at once): what is measured is
// Los and its store. 64 customers at once, each 5 turns, from 127.0.0.1,
// sent round-robin to the replicas as a proxy would. Run it with
//
//	go test -run '^$' -bench TurnsOnReplicas -benchtime 1x ./cmd/los
func BenchmarkTurnsOnReplicas(b *testing.B) {
	configs := []struct {
		name     string
		replicas int
		postgres bool
	}{
		{"sqlite-1", 1, false},
		{"postgres-1", 1, true},
		{"postgres-2", 2, true},
		{"postgres-3", 3, true},
	}
	for _, cfg := range configs {
		b.Run(cfg.name, func(b *testing.B) {
			var urls []string
			var dsn string
			if cfg.postgres {
				dsn = pgtest.NewDatabase(b)
			}
			for i := range cfg.replicas {
				env := map[string]string{"LOS_DATA": b.TempDir(), "OLLAMA_HOST": closedPort(b),
					"LOS_TRUSTED_PROXIES": "127.0.0.1", "LOS_SHUTDOWN_TIMEOUT": "2s", "LOS_LOG_LEVEL": "info"}
				if cfg.postgres {
					env["LOS_DATABASE_URL"] = dsn
				}
				urls = append(urls, startReplica(b, fmt.Sprint(i), env).url)
			}
			b.ResetTimer()
			for range b.N {
				lat, took := load(b, urls, 64, 5)
				slices.Sort(lat)
				n := len(lat)
				b.ReportMetric(float64(n)/took.Seconds(), "turns/s")
				b.ReportMetric(float64(lat[n/2].Milliseconds()), "p50-ms")
				b.ReportMetric(float64(lat[n*99/100].Milliseconds()), "p99-ms")
			}
		})
	}
}

// load runs customers conversations of turns turns each, at once, and
// returns every turn's latency and the wall time.
func load(b *testing.B, urls []string, customers, turns int) ([]time.Duration, time.Duration) {
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	start := time.Now()
	for i := range customers {
		wg.Go(func() {
			c := &customer{ip: fmt.Sprintf("10.9.%d.%d", i/200, i%200+1)}
			if err := c.start(urls[i%len(urls)]); err != nil {
				b.Error(err)
				return
			}
			for k := range turns {
				base := urls[(i+k)%len(urls)]
				t0 := time.Now()
				_, code, err := c.send(base, fmt.Sprintf("Hvordan endrer jeg fakturaadressen? (%d)", k))
				d := time.Since(t0)
				if err != nil || code != 200 {
					b.Errorf("turn: %d, %v", code, err)
					return
				}
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return lat, time.Since(start)
}
