package hours

import "time"

// Holiday is a Norwegian public holiday (helligdag or lovfestet høytidsdag).
type Holiday struct {
	Month time.Month
	Day   int
	Name  string
}

// Easter returns the date of Easter Sunday (1. påskedag) in the Gregorian
// calendar, by the anonymous Gregorian computus (Meeus/Jones/Butcher).
func Easter(year int) (time.Month, int) {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	n := h + l - 7*m + 114
	return time.Month(n / 31), n%31 + 1
}

// Holidays returns the Norwegian public holidays of year, in date order.
func Holidays(year int) []Holiday {
	em, ed := Easter(year)
	easter := time.Date(year, em, ed, 0, 0, 0, 0, time.UTC)
	rel := func(days int, name string) Holiday {
		d := easter.AddDate(0, 0, days)
		return Holiday{Month: d.Month(), Day: d.Day(), Name: name}
	}
	out := []Holiday{
		{time.January, 1, "Nyttårsdag"},
		rel(-3, "Skjærtorsdag"),
		rel(-2, "Langfredag"),
		rel(0, "1. påskedag"),
		rel(1, "2. påskedag"),
		{time.May, 1, "Offentlig høytidsdag"},
		{time.May, 17, "Grunnlovsdag"},
		rel(39, "Kristi himmelfartsdag"),
		rel(49, "1. pinsedag"),
		rel(50, "2. pinsedag"),
		{time.December, 25, "1. juledag"},
		{time.December, 26, "2. juledag"},
	}
	// Kristi himmelfartsdag can fall on 1 or 17 May; keep date order.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && before(out[j], out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func before(a, b Holiday) bool {
	return a.Month < b.Month || (a.Month == b.Month && a.Day < b.Day)
}

// HolidayOn returns the holiday on a calendar date, if there is one. When
// two fall on the same date (Kristi himmelfartsdag on 17 May), the first
// in the list is named.
func HolidayOn(year int, month time.Month, day int) (string, bool) {
	for _, h := range Holidays(year) {
		if h.Month == month && h.Day == day {
			return h.Name, true
		}
	}
	return "", false
}
