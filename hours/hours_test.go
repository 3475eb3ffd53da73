package hours_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/los-bot/los/hours"
)

func TestEaster(t *testing.T) {
	tests := []struct {
		year  int
		month time.Month
		day   int
	}{
		{1818, time.March, 22}, // earliest possible
		{1943, time.April, 25}, // latest possible
		{2000, time.April, 23},
		{2008, time.March, 23},
		{2019, time.April, 21},
		{2024, time.March, 31},
		{2025, time.April, 20},
		{2026, time.April, 5},
		{2027, time.March, 28},
		{2038, time.April, 25},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.year), func(t *testing.T) {
			m, d := hours.Easter(tt.year)
			if m != tt.month || d != tt.day {
				t.Errorf("Easter(%d) = %s %d, want %s %d", tt.year, m, d, tt.month, tt.day)
			}
		})
	}
}

func TestHolidays(t *testing.T) {
	tests := []struct {
		name string
		year int
		want string // month-day list in date order
	}{
		{name: "2024 early easter", year: 2024, want: "01-01 03-28 03-29 03-31 04-01 05-01 05-09 05-17 05-19 05-20 12-25 12-26"},
		{name: "2025 late easter", year: 2025, want: "01-01 04-17 04-18 04-20 04-21 05-01 05-17 05-29 06-08 06-09 12-25 12-26"},
		{name: "2026", year: 2026, want: "01-01 04-02 04-03 04-05 04-06 05-01 05-14 05-17 05-24 05-25 12-25 12-26"},
		{name: "2027 whit monday on 17 may", year: 2027, want: "01-01 03-25 03-26 03-28 03-29 05-01 05-06 05-16 05-17 05-17 12-25 12-26"},
		{name: "2008 ascension on 1 may", year: 2008, want: "01-01 03-20 03-21 03-23 03-24 05-01 05-01 05-11 05-12 05-17 12-25 12-26"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, h := range hours.Holidays(tt.year) {
				got = append(got, fmt.Sprintf("%02d-%02d", int(h.Month), h.Day))
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("Holidays(%d) =\n  %s\nwant\n  %s", tt.year, g, tt.want)
			}
		})
	}
	if name, ok := hours.HolidayOn(2026, time.May, 14); !ok || name != "Kristi himmelfartsdag" {
		t.Errorf("HolidayOn(2026-05-14) = %q, %v", name, ok)
	}
	if _, ok := hours.HolidayOn(2026, time.December, 24); ok {
		t.Error("julaften is not a public holiday")
	}
}

func oslo(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(hours.Zone)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestOpenAndNextOpen(t *testing.T) {
	loc := oslo(t)
	s := hours.New(hours.DefaultWeek(), loc)
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, loc) }
	tests := []struct {
		name     string
		t        time.Time
		wantOpen bool
		wantNext time.Time
	}{
		{name: "monday morning", t: at(2026, 11, 23, 10, 0), wantOpen: true},
		{name: "given in UTC", t: time.Date(2026, 11, 23, 7, 30, 0, 0, time.UTC), wantOpen: true},
		{name: "one minute before opening", t: at(2026, 11, 23, 7, 59), wantNext: at(2026, 11, 23, 8, 0)},
		{name: "closing time is closed", t: at(2026, 11, 23, 20, 0), wantNext: at(2026, 11, 24, 8, 0)},
		{name: "friday night opens saturday", t: at(2026, 11, 27, 21, 0), wantNext: at(2026, 11, 28, 10, 0)},
		{name: "saturday afternoon opens monday", t: at(2026, 11, 28, 15, 30), wantNext: at(2026, 11, 30, 8, 0)},
		{name: "sunday", t: at(2026, 11, 29, 12, 0), wantNext: at(2026, 11, 30, 8, 0)},
		{name: "good friday", t: at(2026, 4, 3, 10, 0), wantNext: at(2026, 4, 4, 10, 0)},
		{name: "easter saturday evening skips easter monday", t: at(2026, 4, 4, 16, 0), wantNext: at(2026, 4, 7, 8, 0)},
		{name: "before maundy thursday", t: at(2026, 4, 1, 20, 30), wantNext: at(2026, 4, 4, 10, 0)},
		{name: "christmas eve is an ordinary thursday", t: at(2026, 12, 24, 9, 0), wantOpen: true},
		{name: "christmas", t: at(2026, 12, 24, 20, 0), wantNext: at(2026, 12, 28, 8, 0)},
		{name: "new year", t: at(2026, 12, 31, 20, 0), wantNext: at(2027, 1, 2, 10, 0)},
		{name: "17 may and whit monday 2027", t: at(2027, 5, 17, 9, 0), wantNext: at(2027, 5, 18, 8, 0)},
		{name: "ascension 2026", t: at(2026, 5, 14, 12, 0), wantNext: at(2026, 5, 15, 8, 0)},
		{name: "over the spring DST change", t: at(2026, 3, 28, 16, 0), wantNext: time.Date(2026, 3, 30, 6, 0, 0, 0, time.UTC)},
		{name: "over the autumn DST change", t: at(2026, 10, 24, 16, 0), wantNext: time.Date(2026, 10, 26, 7, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.Open(tt.t); got != tt.wantOpen {
				t.Errorf("Open(%s) = %v, want %v", tt.t, got, tt.wantOpen)
			}
			next := s.NextOpen(tt.t)
			want := tt.wantNext
			if tt.wantOpen {
				want = tt.t
			}
			if !next.Equal(want) {
				t.Errorf("NextOpen(%s) = %s, want %s", tt.t, next, want.In(loc))
			}
			if next.Location() != loc {
				t.Errorf("NextOpen in %s, want %s", next.Location(), loc)
			}
			if !s.Open(next) {
				t.Errorf("not open at NextOpen %s", next)
			}
		})
	}
}

func TestNeverOpen(t *testing.T) {
	s := hours.New(hours.Week{}, time.UTC)
	if next := s.NextOpen(time.Now()); !next.IsZero() {
		t.Errorf("NextOpen of an empty week = %s, want zero", next)
	}
}

func TestParseWeek(t *testing.T) {
	tests := []struct {
		name    string
		spec    string
		want    string
		wantErr string
	}{
		{name: "default", spec: "mon-fri 08:00-20:00, sat 10:00-15:00", want: hours.DefaultWeek().String()},
		{name: "norwegian names and short hours", spec: "man-fre 8-16; lør 10-14", want: "mon 08:00-16:00, tue 08:00-16:00, wed 08:00-16:00, thu 08:00-16:00, fri 08:00-16:00, sat 10:00-14:00"},
		{name: "split day and wrap", spec: "fri-mon 09-11, mon 12:30-24", want: "mon 09:00-11:00, mon 12:30-24:00, fri 09:00-11:00, sat 09:00-11:00, sun 09:00-11:00"},
		{name: "nynorsk", spec: "måndag 08.30-15.30", want: "mon 08:30-15:30"},
		{name: "empty", spec: " ", wantErr: "empty"},
		{name: "unknown day", spec: "xyz 08-16", wantErr: "unknown day"},
		{name: "backwards", spec: "mon 16-08", wantErr: "end before"},
		{name: "bad time", spec: "mon 08-25", wantErr: "between 00:00 and 24:00"},
		{name: "missing hours", spec: "mon", wantErr: "want DAYS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := hours.ParseWeek(tt.spec)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := hours.New(w, time.UTC).Week().String(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
