package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/los-bot/los"
)

// seedAroundDST stores one answered conversation at each instant: around
// the last Sunday of March 2026 (a 23-hour day in Oslo) and of October
// 2026 (25 hours).
func seedAroundDST(t *testing.T, e *deskEnv) {
	t.Helper()
	ctx := context.Background()
	utc := func(mo time.Month, d, h, m int) time.Time { return time.Date(2026, mo, d, h, m, 0, 0, time.UTC) }
	for i, at := range []time.Time{
		utc(time.March, 28, 22, 59),   // 23:59 CET, 28 March
		utc(time.March, 28, 23, 0),    // 00:00 CET, 29 March
		utc(time.March, 29, 0, 59),    // 01:59 CET, before the jump
		utc(time.March, 29, 1, 0),     // 03:00 CEST
		utc(time.March, 29, 21, 59),   // 23:59 CEST
		utc(time.March, 29, 22, 0),    // 00:00 CEST, 30 March
		utc(time.March, 29, 22, 30),   // 00:30 CEST, 30 March
		utc(time.October, 24, 21, 59), // 23:59 CEST, 24 October
		utc(time.October, 24, 22, 0),  // 00:00 CEST, 25 October
		utc(time.October, 25, 0, 30),  // 02:30 CEST
		utc(time.October, 25, 1, 30),  // 02:30 CET, an hour later
		utc(time.October, 25, 22, 30), // 23:30 CET
		utc(time.October, 25, 23, 0),  // 00:00 CET, 26 October
	} {
		e.clock.set(at)
		id := fmt.Sprint("dst", i)
		if err := e.db.CreateConversation(ctx, &los.Conversation{ID: id, TokenHash: []byte{1}, Lang: "nb"}); err != nil {
			t.Fatal(err)
		}
		customer := &los.Message{ConversationID: id, Role: los.RoleCustomer, Text: "hei", Created: at}
		reply := &los.Message{ConversationID: id, Role: los.RoleBot, Text: "svar", Created: at, Action: los.ActionAnswer, Mode: los.ModeExtractive}
		if err := e.db.AddTurn(ctx, customer, reply); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAnalyticsPeriodAcrossDST: with the clock fixed on and around the
// days the clocks change, the dashboard's period and its days are Oslo
// calendar days.
func TestAnalyticsPeriodAcrossDST(t *testing.T) {
	e := newAnalyticsEnv(t)
	seedAroundDST(t, e)
	zone, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Fatal(err)
	}
	oslo := func(mo time.Month, d, h, m int) time.Time { return time.Date(2026, mo, d, h, m, 0, 0, zone) }
	tests := []struct {
		name   string
		now    time.Time
		query  string
		file   string         // from-to in the CSV's file name
		days   int            // rows in the days table
		counts map[string]int // conversations on some days
		status int
	}{
		{name: "default, on the spring-forward day", now: oslo(time.March, 29, 12, 0), file: "2026-02-28-2026-03-29", days: 30,
			counts: map[string]int{"2026-03-28": 1, "2026-03-29": 4}},
		{name: "default, just after midnight in Oslo (still the 29th in UTC)", now: oslo(time.March, 30, 0, 30), file: "2026-03-01-2026-03-30", days: 30,
			counts: map[string]int{"2026-03-28": 1, "2026-03-29": 4, "2026-03-30": 2}},
		{name: "default, just after midnight after fall-back", now: oslo(time.October, 26, 0, 30), file: "2026-09-27-2026-10-26", days: 30,
			counts: map[string]int{"2026-10-24": 1, "2026-10-25": 4, "2026-10-26": 1}},
		{name: "the 23-hour day and the next", now: oslo(time.November, 1, 12, 0), query: "from=2026-03-29&to=2026-03-30",
			file: "2026-03-29-2026-03-30", days: 2, counts: map[string]int{"2026-03-29": 4, "2026-03-30": 2}},
		{name: "the 25-hour day alone", now: oslo(time.November, 1, 12, 0), query: "from=2026-10-25&to=2026-10-25",
			file: "2026-10-25-2026-10-25", days: 1, counts: map[string]int{"2026-10-25": 4}},
		{name: "366 days over both changes", now: oslo(time.November, 1, 12, 0), query: "from=2026-03-29&to=2027-03-29",
			file: "2026-03-29-2027-03-29", days: 366, counts: map[string]int{"2026-03-29": 4, "2026-10-25": 4}},
		{name: "367 days are too many", now: oslo(time.November, 1, 12, 0), query: "from=2026-03-28&to=2027-03-29", status: http.StatusUnprocessableEntity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.clock.set(tt.now)
			admin := e.login(t, "ada@example.no")
			resp, body := admin.do("GET", "/admin/analytics?format=csv&table=days&"+tt.query, "")
			if want := max(tt.status, http.StatusOK); resp.StatusCode != want {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, want, body)
			}
			if tt.status != 0 {
				return
			}
			if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "los-days-"+tt.file+".csv") {
				t.Errorf("content disposition = %q, want the period %s", cd, tt.file)
			}
			rows := strings.Split(strings.TrimSpace(strings.ReplaceAll(body, "\r\n", "\n")), "\n")[1:]
			if len(rows) != tt.days {
				t.Errorf("%d days, want %d", len(rows), tt.days)
			}
			got := map[string]int{}
			for _, row := range rows {
				var date string
				var n int
				if _, err := fmt.Sscanf(strings.Replace(row, ",", " ", 2), "%s %d", &date, &n); err != nil {
					t.Fatalf("row %q: %v", row, err)
				}
				if _, ok := tt.counts[date]; ok {
					got[date] = n
				}
			}
			if diff := cmp.Diff(tt.counts, got); diff != "" {
				t.Errorf("conversations per day (-want +got):\n%s", diff)
			}
		})
	}
}
