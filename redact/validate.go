package redact

// The validators take digits only (no spaces or dots) and are safe to call
// on any input: anything that is not exactly the right number of ASCII
// digits is invalid.

// digits is a string or a byte slice of ASCII digits; the scanner passes
// either a slice of the message or a buffer of gathered digits, so neither
// has to be copied.
type digits interface{ ~string | ~[]byte }

var (
	fnrWeights1  = [9]int{3, 7, 6, 1, 8, 9, 4, 5, 2}
	mod11Weights = [10]int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}
)

// ValidFodselsnummer reports whether d is an 11-digit fødselsnummer
// DDMMYYIIIKK: a valid date and both mod-11 check digits. The month may
// carry +40 (H-nummer, and NAV's synthetic test numbers) or +80
// (Skatteetaten's synthetic test numbers from Tenor). 29 February is
// accepted when YY is divisible by 4.
func ValidFodselsnummer(d string) bool { return validPerson(d, false) }

// ValidDNummer reports whether d is an 11-digit D-nummer: a fødselsnummer
// whose first digit has 4 added (day 41–71), with the same month offsets
// and check digits as ValidFodselsnummer.
func ValidDNummer(d string) bool { return validPerson(d, true) }

// ValidAccount reports whether d is an 11-digit Norwegian bank account
// number whose last digit is the mod-11 check digit of the first ten
// (weights 5,4,3,2,7,6,5,4,3,2).
func ValidAccount(d string) bool { return validAccount(d) }

// ValidLuhn reports whether d is a non-empty string of digits whose Luhn
// checksum is valid. Card detection also requires 13–19 digits starting
// with 2–6.
func ValidLuhn(d string) bool { return validLuhn(d) }

func allDigits[T digits](d T) bool {
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return false
		}
	}
	return true
}

func num2[T digits](d T, i int) int { return int(d[i]-'0')*10 + int(d[i+1]-'0') }

// mod11 returns the check digit for d[:len(w)] with weights w, or -1 when the
// remainder makes a check digit impossible (it would be 10).
func mod11[T digits](d T, w []int) int {
	sum := 0
	for i, wt := range w {
		sum += int(d[i]-'0') * wt
	}
	k := 11 - sum%11
	switch k {
	case 11:
		return 0
	case 10:
		return -1
	}
	return k
}

func validPerson[T digits](d T, dnr bool) bool {
	if len(d) != 11 || !allDigits(d) {
		return false
	}
	day, month, year := num2(d, 0), num2(d, 2), num2(d, 4)
	if dnr {
		day -= 40
	}
	switch {
	case month > 80:
		month -= 80
	case month > 40:
		month -= 40
	}
	if day < 1 || month < 1 || month > 12 || day > daysIn(month, year) {
		return false
	}
	return mod11(d, fnrWeights1[:]) == int(d[9]-'0') &&
		mod11(d, mod11Weights[:]) == int(d[10]-'0')
}

func daysIn(month, yy int) int {
	switch month {
	case 2:
		if yy%4 == 0 {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func validAccount[T digits](d T) bool {
	return len(d) == 11 && allDigits(d) && mod11(d, mod11Weights[:]) == int(d[10]-'0')
}

func validLuhn[T digits](d T) bool {
	if len(d) == 0 || !allDigits(d) {
		return false
	}
	sum := 0
	for i := 0; i < len(d); i++ {
		v := int(d[len(d)-1-i] - '0')
		if i%2 == 1 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return sum%10 == 0
}

// validCard reports whether d looks like a payment card number: 13–19
// digits, first digit 2–6 (Mastercard 2-series, Amex/Diners/JCB, Visa,
// Mastercard/Maestro, Discover/UnionPay) and a valid Luhn checksum.
func validCard[T digits](d T) bool {
	return len(d) >= 13 && len(d) <= 19 && d[0] >= '2' && d[0] <= '6' && validLuhn(d)
}

// classify11 names an 11-digit number. A fødselsnummer or D-nummer wins
// over an account number (every valid fødselsnummer is also a valid account
// number, since the second check digit uses the account weights), unless
// the number was written in account grouping 4.2.5.
func classify11[T digits](d T, accountGrouping bool) Kind {
	if accountGrouping && validAccount(d) {
		return Account
	}
	switch {
	case validPerson(d, false):
		return Fodselsnummer
	case validPerson(d, true):
		return DNummer
	case validAccount(d):
		return Account
	}
	return 0
}

// validIBAN reports whether d, the 13 digits after "NO" in a Norwegian
// IBAN, hold valid IBAN check digits (mod 97 over the account number,
// "NO" as 2324, and the check digits) and a valid account number.
func validIBAN[T digits](d T) bool {
	if len(d) != 13 || !allDigits(d) || !validAccount(d[2:]) {
		return false
	}
	r := 0
	for i := 2; i < 13; i++ {
		r = (r*10 + int(d[i]-'0')) % 97
	}
	for _, c := range "2324" {
		r = (r*10 + int(c-'0')) % 97
	}
	r = (r*100 + num2(d, 0)) % 97
	return r == 1
}
