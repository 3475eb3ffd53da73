package hours

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// dayNames are the names ParseWeek accepts, English first.
var dayNames = [7][]string{
	time.Sunday:    {"sun", "søn", "sunday", "søndag", "sundag"},
	time.Monday:    {"mon", "man", "monday", "mandag", "måndag"},
	time.Tuesday:   {"tue", "tir", "tuesday", "tirsdag", "tysdag", "tys"},
	time.Wednesday: {"wed", "ons", "wednesday", "onsdag"},
	time.Thursday:  {"thu", "tor", "thursday", "torsdag"},
	time.Friday:    {"fri", "fre", "friday", "fredag"},
	time.Saturday:  {"sat", "lør", "saturday", "lørdag", "laurdag", "lau"},
}

// ParseWeek reads a weekly schedule such as
//
//	mon-fri 08:00-20:00, sat 10-15
//
// Items are separated by commas or semicolons; each names a day or a range
// of days (English or Norwegian names) and a span of hours. A day named
// twice gets both spans. Days not named are closed.
func ParseWeek(spec string) (Week, error) {
	var w Week
	var items []string
	for _, item := range strings.FieldsFunc(spec, func(r rune) bool { return r == ',' || r == ';' }) {
		if strings.TrimSpace(item) != "" {
			items = append(items, item)
		}
	}
	if len(items) == 0 {
		return w, fmt.Errorf("opening hours %q are empty; write them like \"mon-fri 08-20, sat 10-15\"", spec)
	}
	for _, item := range items {
		f := strings.Fields(strings.ToLower(item))
		if len(f) != 2 {
			return w, fmt.Errorf("%q: want DAYS HH:MM-HH:MM, for example \"mon-fri 08:00-20:00\"", strings.TrimSpace(item))
		}
		days, err := parseDays(f[0])
		if err != nil {
			return w, fmt.Errorf("%q: %w", strings.TrimSpace(item), err)
		}
		sp, err := parseSpan(f[1])
		if err != nil {
			return w, fmt.Errorf("%q: %w", strings.TrimSpace(item), err)
		}
		for _, d := range days {
			w[d] = append(w[d], sp)
		}
	}
	return w, nil
}

func parseDays(s string) ([]time.Weekday, error) {
	from, to, isRange := strings.Cut(s, "-")
	a, ok := dayOf(from)
	if !ok {
		return nil, unknownDay(from)
	}
	if !isRange {
		return []time.Weekday{a}, nil
	}
	b, ok := dayOf(to)
	if !ok {
		return nil, unknownDay(to)
	}
	// Weeks start on Monday: mon-sun is every day, fri-mon wraps.
	var out []time.Weekday
	for d := a; ; d = (d + 1) % 7 {
		out = append(out, d)
		if d == b {
			return out, nil
		}
	}
}

func unknownDay(s string) error {
	return fmt.Errorf("unknown day %q; use a day's name or its first three letters, in English or Norwegian (mon, man, mandag)", s)
}

func dayOf(s string) (time.Weekday, bool) {
	for d, names := range dayNames {
		for _, n := range names {
			if n == s {
				return time.Weekday(d), true
			}
		}
	}
	return 0, false
}

func parseSpan(s string) (Span, error) {
	from, to, ok := strings.Cut(s, "-")
	if !ok {
		return Span{}, fmt.Errorf("hours %q: want HH:MM-HH:MM", s)
	}
	a, err := parseClock(from)
	if err != nil {
		return Span{}, err
	}
	b, err := parseClock(to)
	if err != nil {
		return Span{}, err
	}
	if b <= a {
		return Span{}, fmt.Errorf("hours %q end before they start", s)
	}
	return Span{a, b}, nil
}

func parseClock(s string) (int, error) {
	hh, mm, hasMin := strings.Cut(strings.ReplaceAll(s, ".", ":"), ":")
	h, err := strconv.Atoi(hh)
	m := 0
	if err == nil && hasMin {
		m, err = strconv.Atoi(mm)
	}
	if err != nil || h < 0 || m < 0 || m > 59 || h*60+m > 24*60 {
		return 0, fmt.Errorf("time %q: want HH or HH:MM between 00:00 and 24:00", s)
	}
	return h*60 + m, nil
}
