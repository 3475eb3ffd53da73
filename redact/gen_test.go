package redact

import (
	"fmt"
	"strconv"
	"testing"
)

// Test numbers are computed here, independently of the code under test, so
// their check digits are right. Fødselsnummer and D-nummer use birth dates
// in 2039 (year 39 with individual number 500–999), so no living person can
// have them; account numbers use the unassigned bank prefix 0000.

// checkDigit returns the mod-11 check digit of d with weights w, or -1.
func checkDigit(d string, w []int) int {
	sum := 0
	for i, wt := range w {
		sum += int(d[i]-'0') * wt
	}
	switch k := (11 - sum%11) % 11; k {
	case 10:
		return -1
	default:
		return k
	}
}

var (
	testW1 = []int{3, 7, 6, 1, 8, 9, 4, 5, 2}
	testW2 = []int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}
)

// person returns a valid 11-digit number for the given day and month (with
// any D-nummer or H-nummer offsets already added) in year 2039.
func person(t testing.TB, day, month, ind int) string {
	t.Helper()
	return withChecks(t, fmt.Sprintf("%02d%02d39", day, month), ind)
}

// withChecks appends to the six date digits the first individual number
// from ind on that gives valid check digits, and the check digits. The date
// is not checked, so invalid dates can be tested too.
func withChecks(t testing.TB, ddmmyy string, ind int) string {
	t.Helper()
	for ; ind < 1000; ind++ {
		base := fmt.Sprintf("%s%03d", ddmmyy, ind)
		k1 := checkDigit(base, testW1)
		if k1 < 0 {
			continue
		}
		base += strconv.Itoa(k1)
		k2 := checkDigit(base, testW2)
		if k2 < 0 {
			continue
		}
		return base + strconv.Itoa(k2)
	}
	t.Fatalf("no valid check digits for %s from %d", ddmmyy, ind)
	return ""
}

// account returns a valid account number 0000 + six digits from seed.
func account(t testing.TB, seed int) string {
	t.Helper()
	for ; ; seed++ {
		base := fmt.Sprintf("0000%06d", seed%1000000)
		if k := checkDigit(base, testW2); k >= 0 {
			return base + strconv.Itoa(k)
		}
	}
}

// luhnDigit returns the digit that makes prefix+digit pass the Luhn check.
func luhnDigit(prefix string) string {
	sum := 0
	for i := 0; i < len(prefix); i++ {
		v := int(prefix[len(prefix)-1-i] - '0')
		if i%2 == 0 { // doubled, counted from the check digit
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return strconv.Itoa((10 - sum%10) % 10)
}

// flip changes the digit at i, so a check digit no longer fits.
func flip(s string, i int) string {
	b := []byte(s)
	b[i] = '0' + (b[i]-'0'+1)%10
	return string(b)
}

// grouped writes digits in groups of the given sizes, then the rest,
// joined by sep: grouped("12345678903", ".", 4, 2) is "1234.56.78903".
func grouped(d, sep string, sizes ...int) string {
	out := ""
	for _, n := range sizes {
		out, d = out+d[:n]+sep, d[n:]
	}
	return out + d
}

func TestGenerators(t *testing.T) {
	f := person(t, 1, 2, 500)
	if len(f) != 11 || checkDigit(f[:9], testW1) != int(f[9]-'0') || checkDigit(f[:10], testW2) != int(f[10]-'0') {
		t.Fatalf("person = %s", f)
	}
	if c := "411111111111111" + luhnDigit("411111111111111"); c != "4111111111111111" {
		t.Fatalf("luhn = %s", c)
	}
	if g := grouped("12345678903", ".", 4, 2); g != "1234.56.78903" {
		t.Fatalf("group = %s", g)
	}
}
