// Package hours knows when customer service is open: a weekly schedule in
// a time zone (Europe/Oslo by default), closed on Norwegian public
// holidays.
package hours

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Span is an opening period within a day, from From up to (not including)
// To, in minutes after midnight. To may be 24*60.
type Span struct {
	From, To int
}

// Week holds the opening spans of each weekday, indexed by time.Weekday
// (Sunday is 0). A day without spans is closed.
type Week [7][]Span

// DefaultWeek is Monday to Friday 08–20, Saturday 10–15, closed Sunday.
func DefaultWeek() Week {
	var w Week
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = []Span{{8 * 60, 20 * 60}}
	}
	w[time.Saturday] = []Span{{10 * 60, 15 * 60}}
	return w
}

// Zone is the default time zone.
const Zone = "Europe/Oslo"

// Schedule is business hours in a time zone, closed on public holidays.
type Schedule struct {
	week Week
	loc  *time.Location
}

// New returns the schedule of week in loc.
func New(week Week, loc *time.Location) *Schedule {
	for d := range week {
		spans := append([]Span(nil), week[d]...)
		sort.Slice(spans, func(i, j int) bool { return spans[i].From < spans[j].From })
		week[d] = spans
	}
	return &Schedule{week: week, loc: loc}
}

// Default returns the default week in Europe/Oslo. It fails only when the
// system has no time-zone database and the binary does not embed one
// (import time/tzdata in main).
func Default() (*Schedule, error) {
	loc, err := time.LoadLocation(Zone)
	if err != nil {
		return nil, fmt.Errorf("load time zone %s: %w", Zone, err)
	}
	return New(DefaultWeek(), loc), nil
}

// Location returns the schedule's time zone.
func (s *Schedule) Location() *time.Location { return s.loc }

// Week returns the weekly schedule.
func (s *Schedule) Week() Week { return s.week }

// Open reports whether customer service is open at t.
func (s *Schedule) Open(t time.Time) bool {
	lt := t.In(s.loc)
	if _, holiday := HolidayOn(lt.Year(), lt.Month(), lt.Day()); holiday {
		return false
	}
	m := lt.Hour()*60 + lt.Minute()
	for _, sp := range s.week[lt.Weekday()] {
		if sp.From <= m && m < sp.To {
			return true
		}
	}
	return false
}

// NextOpen returns t when open, else the next moment customer service
// opens, in the schedule's time zone. It returns the zero time when the
// schedule never opens.
func (s *Schedule) NextOpen(t time.Time) time.Time {
	if s.Open(t) {
		return t.In(s.loc)
	}
	lt := t.In(s.loc)
	y, m, d := lt.Date()
	for i := 0; i <= 370; i++ {
		day := time.Date(y, m, d+i, 12, 0, 0, 0, s.loc)
		if _, holiday := HolidayOn(day.Year(), day.Month(), day.Day()); holiday {
			continue
		}
		for _, sp := range s.week[day.Weekday()] {
			start := time.Date(day.Year(), day.Month(), day.Day(), sp.From/60, sp.From%60, 0, 0, s.loc)
			if start.After(lt) {
				return start
			}
		}
	}
	return time.Time{}
}

// String writes the week in the form ParseWeek reads.
func (w Week) String() string {
	var parts []string
	for _, d := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday} {
		for _, sp := range w[d] {
			parts = append(parts, fmt.Sprintf("%s %s-%s", dayNames[d][0], clock(sp.From), clock(sp.To)))
		}
	}
	return strings.Join(parts, ", ")
}

func clock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }
