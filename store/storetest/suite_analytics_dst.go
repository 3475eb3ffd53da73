package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/los-bot/los"
)

func osloZone(t *testing.T) *time.Location {
	t.Helper()
	z, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Fatal("no time zone data:", err)
	}
	return z
}

// TestAnalyticsDaysAcrossDST counts conversations on Oslo calendar days
// around the last Sundays of March (23 hours) and October (25 hours)
// 2026: each conversation is created with the store's clock at a fixed
// instant, and must land on the day an Oslo wall clock showed then.
func testAnalyticsDaysAcrossDST(t *testing.T, open Opener) {
	oslo := osloZone(t)
	utc := func(mo time.Month, d, h, m int) time.Time { return time.Date(2026, mo, d, h, m, 0, 0, time.UTC) }
	date := func(mo time.Month, d int) time.Time { return time.Date(2026, mo, d, 0, 0, 0, 0, oslo) }
	tests := []struct {
		name     string
		from, to time.Time   // Oslo midnights
		at       []time.Time // conversations start
		want     []int       // conversations per day
		hours    []float64   // length of each day
	}{{
		name: "spring forward, 29 March",
		from: date(time.March, 28), to: date(time.March, 31),
		at: []time.Time{
			utc(time.March, 28, 22, 59), // 23:59 CET on the 28th
			utc(time.March, 28, 23, 0),  // 00:00 CET on the 29th
			utc(time.March, 29, 0, 59),  // 01:59 CET, just before the jump
			utc(time.March, 29, 1, 0),   // 03:00 CEST
			utc(time.March, 29, 21, 59), // 23:59 CEST
			utc(time.March, 29, 22, 0),  // 00:00 CEST on the 30th
			utc(time.March, 29, 22, 30), // 00:30 CEST on the 30th
		},
		want:  []int{1, 4, 2},
		hours: []float64{24, 23, 24},
	}, {
		name: "fall back, 25 October",
		from: date(time.October, 24), to: date(time.October, 27),
		at: []time.Time{
			utc(time.October, 24, 21, 59), // 23:59 CEST on the 24th
			utc(time.October, 24, 22, 0),  // 00:00 CEST on the 25th
			utc(time.October, 25, 0, 30),  // 02:30 CEST, the first time
			utc(time.October, 25, 1, 30),  // 02:30 CET, the second time
			utc(time.October, 25, 22, 30), // 23:30 CET
			utc(time.October, 25, 23, 0),  // 00:00 CET on the 26th
		},
		want:  []int{1, 4, 1},
		hours: []float64{24, 25, 24},
	}, {
		name: "a period of one short day",
		from: date(time.March, 29), to: date(time.March, 30),
		at:   []time.Time{utc(time.March, 28, 22, 59), utc(time.March, 29, 21, 59), utc(time.March, 29, 22, 0)},
		want: []int{1}, hours: []float64{23},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db := open(t)
			clk := &clock{}
			db.SetClock(clk.now)
			for i, at := range tt.at {
				clk.t = at
				id := fmt.Sprint("c", i)
				if err := db.CreateConversation(ctx, &los.Conversation{ID: id, TokenHash: []byte{1}}); err != nil {
					t.Fatal(err)
				}
				customer := &los.Message{ConversationID: id, Role: los.RoleCustomer, Text: "hei", Created: at}
				reply := &los.Message{ConversationID: id, Role: los.RoleBot, Text: "svar", Created: at, Action: los.ActionAnswer}
				if err := db.AddTurn(ctx, customer, reply); err != nil {
					t.Fatal(err)
				}
			}
			r, err := db.Analytics(ctx, los.Period{From: tt.from, To: tt.to, Zone: oslo})
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			var hours []float64
			for i, d := range r.Days {
				if want := tt.from.AddDate(0, 0, i); !d.Date.Equal(want) || d.Date.Location() != oslo {
					t.Errorf("day %d starts %v, want %v", i, d.Date, want)
				}
				got = append(got, d.Conversations)
				hours = append(hours, d.Date.AddDate(0, 0, 1).Sub(d.Date).Hours())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("conversations per day (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.hours, hours); diff != "" {
				t.Errorf("day lengths (-want +got):\n%s", diff)
			}
			if sum := r.Conversations; sum != len(tt.at)-countOutside(tt.at, tt.from, tt.to) {
				t.Errorf("%d conversations in the period", sum)
			}
		})
	}
}

func countOutside(at []time.Time, from, to time.Time) int {
	n := 0
	for _, t := range at {
		if t.Before(from) || !t.Before(to) {
			n++
		}
	}
	return n
}

func testCalendarDays(t *testing.T, open Opener) {
	oslo := osloZone(t)
	day := func(mo time.Month, d, h int) time.Time { return time.Date(2026, mo, d, h, 0, 0, 0, oslo) }
	tests := []struct {
		name     string
		from, to time.Time
		want     []string
	}{
		{name: "across spring forward", from: day(time.March, 28, 0), to: day(time.March, 31, 0), want: []string{"2026-03-28", "2026-03-29", "2026-03-30"}},
		{name: "across fall back", from: day(time.October, 24, 0), to: day(time.October, 27, 0), want: []string{"2026-10-24", "2026-10-25", "2026-10-26"}},
		{name: "from midday", from: day(time.October, 25, 12), to: day(time.October, 26, 1), want: []string{"2026-10-25", "2026-10-26"}},
		{name: "from a UTC instant late in the Oslo day", from: time.Date(2026, 3, 29, 22, 30, 0, 0, time.UTC), to: day(time.March, 31, 0), want: []string{"2026-03-30"}},
		{name: "empty", from: day(time.March, 29, 0), to: day(time.March, 29, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, d := range los.CalendarDays(tt.from, tt.to, oslo) {
				if d.Hour() != 0 || d.Minute() != 0 {
					t.Errorf("%v is not midnight", d)
				}
				got = append(got, d.Format(time.DateOnly))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("days (-want +got):\n%s", diff)
			}
		})
	}
}
