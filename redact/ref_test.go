package redact

import "time"

// Reference validators, written apart from the code under test and in
// another way (the calendar from package time, Luhn from the left), for the
// differential fuzz tests.

// refPerson validates a fødselsnummer (dayOffset 0) or D-nummer (40) with
// the calendar from package time and the check digits from refMod11.
func refPerson(d string, dayOffset int) bool {
	day := int(d[0]-'0')*10 + int(d[1]-'0') - dayOffset
	month := int(d[2]-'0')*10 + int(d[3]-'0')
	year := 2000 + int(d[4]-'0')*10 + int(d[5]-'0') // leap years as in 2000–2099
	for _, offset := range []int{0, 40, 80} {
		m := month - offset
		if m < 1 || m > 12 || day < 1 {
			continue
		}
		date := time.Date(year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
		if date.Day() == day && int(date.Month()) == m {
			return refMod11(d[:9], testW1) == int(d[9]-'0') && refMod11(d[:10], testW2) == int(d[10]-'0')
		}
	}
	return false
}

// refMod11 returns the mod-11 check digit of d, or -1 when there is none.
func refMod11(d string, w []int) int {
	sum := 0
	for i := range w {
		sum += int(d[i]-'0') * w[i]
	}
	if sum%11 == 0 {
		return 0
	}
	if sum%11 == 1 {
		return -1
	}
	return 11 - sum%11
}

// refLuhn computes the Luhn sum from the left.
func refLuhn(d string) bool {
	sum := 0
	parity := len(d) % 2
	for i, c := range d {
		v := int(c - '0')
		if i%2 == parity {
			v = 2 * v
			v = v/10 + v%10
		}
		sum += v
	}
	return sum%10 == 0
}

// refMod97 returns the decimal string d modulo 97.
func refMod97(d string) int {
	r := 0
	for _, c := range d {
		r = (r*10 + int(c-'0')) % 97
	}
	return r
}
