package bot_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/los-bot/los"
)

// BenchmarkTurnOverhead measures what Los adds to a turn around the model:
// validation, triage hooks, prompt rendering, citation mapping and storage,
// with an instant generator and retriever.
func BenchmarkTurnOverhead(b *testing.B) {
	h := newHarness(b, streamOf("Du endrer ", "adressen på Min side [1]."), fixedSources(srcAddress, srcEfaktura), nil)
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		if _, err := h.bot.Turn(ctx, los.TurnRequest{Text: "Hvordan endrer jeg fakturaadressen min?"}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	}
}
