package redact

import "testing"

func TestValidators(t *testing.T) {
	fnr := person(t, 1, 2, 500)          // 01.02.2039
	dnr := person(t, 41, 2, 500)         // D-nummer: day + 40
	hnr := person(t, 1, 42, 500)         // H-nummer, NAV test number: month + 40
	synth := person(t, 1, 82, 500)       // Skatteetaten (Tenor) test number: month + 80
	synthD := person(t, 41, 82, 500)     // Tenor D-nummer
	notLeap := person(t, 29, 2, 500)     // 2039 is not a leap year
	leap := withChecks(t, "290240", 500) // YY 40: leap in 1940 and 2040
	acct := account(t, 123)
	tests := []struct {
		name  string
		valid func(string) bool
		in    string
		want  bool
	}{
		{"fnr valid", ValidFodselsnummer, fnr, true},
		{"fnr H-nummer month+40", ValidFodselsnummer, hnr, true},
		{"fnr synthetic month+80", ValidFodselsnummer, synth, true},
		{"fnr first check digit wrong", ValidFodselsnummer, flip(fnr, 9), false},
		{"fnr second check digit wrong", ValidFodselsnummer, flip(fnr, 10), false},
		{"fnr individual number changed", ValidFodselsnummer, flip(fnr, 7), false},
		{"fnr is not a D-nummer", ValidDNummer, fnr, false},
		{"fnr 29 February 2039", ValidFodselsnummer, notLeap, false},
		{"fnr 29 February 2040", ValidFodselsnummer, leap, true},
		{"fnr 31 April", ValidFodselsnummer, withChecks(t, "310439", 500), false},
		{"fnr 30 April", ValidFodselsnummer, withChecks(t, "300439", 500), true},
		{"fnr day 00", ValidFodselsnummer, withChecks(t, "000139", 500), false},
		{"fnr month 00", ValidFodselsnummer, withChecks(t, "010039", 500), false},
		{"fnr month 13", ValidFodselsnummer, withChecks(t, "011339", 500), false},
		{"fnr month 53 (40+13)", ValidFodselsnummer, withChecks(t, "015339", 500), false},
		{"fnr month 93 (80+13)", ValidFodselsnummer, withChecks(t, "019339", 500), false},
		{"fnr day 32", ValidFodselsnummer, withChecks(t, "320139", 500), false},
		{"fnr ten digits", ValidFodselsnummer, fnr[:10], false},
		{"fnr twelve digits", ValidFodselsnummer, fnr + "0", false},
		{"fnr with space", ValidFodselsnummer, fnr[:6] + " " + fnr[6:], false},
		{"fnr with letter", ValidFodselsnummer, "O" + fnr[1:], false},
		{"fnr empty", ValidFodselsnummer, "", false},
		{"dnr valid", ValidDNummer, dnr, true},
		{"dnr synthetic month+80", ValidDNummer, synthD, true},
		{"dnr is not a fnr", ValidFodselsnummer, dnr, false},
		{"dnr check digit wrong", ValidDNummer, flip(dnr, 10), false},
		{"dnr day 71", ValidDNummer, withChecks(t, "710139", 500), true},
		{"dnr day 72", ValidDNummer, withChecks(t, "720139", 500), false},
		{"dnr day 40", ValidDNummer, withChecks(t, "400139", 500), false},
		{"account example 1234.56.78903", ValidAccount, "12345678903", true},
		{"account generated", ValidAccount, acct, true},
		{"account check digit wrong", ValidAccount, flip(acct, 10), false},
		{"account every fnr is one", ValidAccount, fnr, true},
		{"account ten digits", ValidAccount, "1234567890", false},
		{"account dotted", ValidAccount, "1234.56.78903", false},
		{"luhn visa test card", ValidLuhn, "4111111111111111", true},
		{"luhn amex test card", ValidLuhn, "378282246310005", true},
		{"luhn classic example", ValidLuhn, "79927398713", true},
		{"luhn last digit wrong", ValidLuhn, "4111111111111112", false},
		{"luhn empty", ValidLuhn, "", false},
		{"luhn hyphens", ValidLuhn, "4111-1111-1111-1111", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.valid(tt.in); got != tt.want {
				t.Errorf("valid(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}
