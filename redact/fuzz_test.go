package redact

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Run one target at a time, for example:
//
//	go test -run='^$' -fuzz='^FuzzRedact$' -fuzztime=10s ./redact
//
// Texts are cut to maxFuzzLen bytes. Go minimises every new interesting
// input for up to -fuzzminimizetime (default 60 s), in time that grows with
// the square of its length, and counts no execs meanwhile: with long inputs
// a 10-second run spends most of its time minimising. Long texts are covered
// by the benchmarks and TestLongInputs.
const maxFuzzLen = 256

func cut(s string) string {
	if len(s) > maxFuzzLen {
		return s[:maxFuzzLen]
	}
	return s
}

var fuzzSeeds = []string{
	"Fødselsnummeret mitt er 01023950096, takk.",
	"fnr 010239 50096 og 01.02.39 50096, dnr 41023950160",
	"Kontonummer 1234.56.78903, kort 4111 1111 1111 1111 12/27",
	"Ring +47 912 34 567 eller tlf. 22 00 00 00 eller 0047 41234567",
	"Ordrenummer 45678901, kr 1 234 567, 01.02.2024 kl. 10.15, 192.168.10.123",
	"ola.nordmann@example.com, bjørn@blåbær.example, 91234567@, @x",
	"[fødselsnummer] [telefonnummer]\nTlf:\n23 45 67 89",
	"9012345678901234567890 4111-1111-1111-1111 3782 822463 10005",
	"+4791234567 +47 22 00 00 00 47 91234567 004722000000",
	"\u00a0912\u00a034\u00a0567 \u202f22\u202f00\u202f00\u202f00 ring",
	"KID 2345678901237 4111 1111 1111 1111 2345678901237, Ordrenr. 12345678903",
	"IBAN: NO93 8601 1117 947, no9386011117947, KASINO9386011117947",
}

// FuzzRedact checks the invariants of Redact on any text and any choice of
// kinds: no panic; findings ordered, inside the text, and rebuilding the
// output; valid UTF-8 stays valid; redacting again changes nothing; and, in
// text without '@' (where no address hides a number), no digit run that
// validates as a redacted kind is left.
func FuzzRedact(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(s, uint8(0xff))
		f.Add(s, uint8(i))
	}
	f.Fuzz(func(t *testing.T, text string, mask uint8) {
		checkRedact(t, cut(text), Set(mask)&All)
	})
}

// vocabulary holds the pieces FuzzRedactTokens builds texts from: digit
// groups and whole identifiers, separators, hint words, address parts,
// placeholders and odd bytes. Changing it remaps saved corpus entries, so
// turn any failure found with it into a case of TestRedact.
var vocabulary = []string{
	"0", "1", "2", "4", "9", "12", "47", "0047", "2345", "4111", "1111", "22",
	"00", "912", "34", "567", "01023950096", "41023950160", "12345678903",
	"4111111111111111", "2345678901239", "9386011117947", "91234567", "22400040",
	" ", " ", " ", ".", "-", "+", "@", "\u00a0", ",", ":", "\n", ". ", "!", "#",
	"(", ")", "[", "]", "[telefonnummer]", "[fødselsnummer]", "KID", "kid",
	"nummer", "nr", "tlf", "Ring", "Ordrenr", "ordre", "kr", "konto", "NO",
	"no", "x", "æ", "example.com", "ola", "\xc3", "\xe2\x80\xaf", "(+47)", "9123",
	"mob", "Tlf.", "+47 ", "NO93",
}

// FuzzRedactTokens checks the same invariants as FuzzRedact on texts built
// from the vocabulary, which reach the interplay of hint words, separators
// and identifiers far sooner than bytes do.
func FuzzRedactTokens(f *testing.F) {
	f.Add([]byte{44, 1, 24, 19, 24, 20}, uint8(0xff))
	f.Add([]byte{48, 24, 33, 24, 2, 3, 24, 12, 13, 14, 15}, uint8(0xff))
	f.Add([]byte{52, 35, 24, 16, 28, 40, 29, 41, 30, 59}, uint8(0x7f))
	f.Fuzz(func(t *testing.T, tokens []byte, mask uint8) {
		var b strings.Builder
		for i, tok := range tokens {
			if i == maxFuzzLen/4 {
				break
			}
			b.WriteString(vocabulary[int(tok)%len(vocabulary)])
		}
		checkRedact(t, b.String(), Set(mask)&All)
	})
}

// checkRedact checks the invariants of Redact on text with the kinds in set.
func checkRedact(t *testing.T, text string, set Set) {
	t.Helper()
	r := New(set.Kinds()...)
	out, fs := r.Redact(text)
	checkFindings(t, text, out, fs)
	for _, fd := range fs {
		if !set.Has(fd.Kind) {
			t.Fatalf("finding of disabled kind %v", fd.Kind)
		}
	}
	if utf8.ValidString(text) && !utf8.ValidString(out) {
		t.Fatalf("invalid UTF-8 output %q from %q", out, text)
	}
	again, fs2 := r.Redact(out)
	if again != out || len(fs2) != 0 {
		t.Fatalf("not idempotent:\n   in %q\n  out %q\nagain %q %v", text, out, again, fs2)
	}
	if !strings.Contains(text, "@") {
		checkNoneLeft(t, text, out, set)
	}
}

// checkNoneLeft looks at every maximal ASCII digit run of the output with
// reference validators written apart from the code under test.
func checkNoneLeft(t *testing.T, in, out string, set Set) {
	t.Helper()
	letters := strings.IndexFunc(in, unicode.IsLetter) >= 0
	for i := 0; i < len(out); {
		if !isDigit(out[i]) {
			i++
			continue
		}
		j := i
		for j < len(out) && isDigit(out[j]) {
			j++
		}
		d := out[i:j]
		var k Kind
		switch {
		case len(d) == 11 && refPerson(d, 0):
			k = Fodselsnummer
		case len(d) == 11 && refPerson(d, 40):
			k = DNummer
		case len(d) == 11 && refMod11(d[:10], testW2) == int(d[10]-'0') && !letters:
			k = Account // unless after a reference word such as KID
		case len(d) >= 13 && len(d) <= 19 && d[0] >= '2' && d[0] <= '6' && refLuhn(d) && !letters:
			k = Card
		case len(d) == 10 && i > 0 && out[i-1] == '+' && d[:2] == "47" && d[2] >= '2' && d[2:] != publicNumbers[0]:
			k = Phone // +47 and eight digits: always a phone number
		case len(d) == 8 && (d[0] == '4' || d[0] == '9') && !letters:
			k = Phone // a mobile number with no words around to say otherwise
		}
		if k != 0 && set.Has(k) {
			t.Fatalf("%s %q left in %q (from %q)", k, d, out, in)
		}
		i = j
	}
}

// FuzzEmbedded puts a valid number of each kind, in each written form,
// between any two texts, separated by " 0, " and ", ", and checks that
// exactly it is found. (The "0" ends any reference word in the prefix,
// which could otherwise keep a card or account number as a KID.)
func FuzzEmbedded(f *testing.F) {
	for k := range 13 {
		f.Add(uint8(k), uint64(k)*7919, "Hei, jeg lurer på", "mvh Kari")
	}
	f.Add(uint8(3), uint64(42), "tlf", "ordrenummer 45678901")
	f.Add(uint8(7), uint64(1), "+47", "@")
	f.Fuzz(func(t *testing.T, which uint8, seed uint64, prefix, suffix string) {
		prefix, suffix = cut(prefix), cut(suffix)
		kind, number := embedded(t, which, seed)
		text := prefix + " 0, " + number + ", " + suffix
		start := len(prefix) + 4
		want := Finding{Kind: kind, Start: start, End: start + len(number)}
		_, fs := New(All.Kinds()...).Redact(text)
		for _, got := range fs {
			if got == want {
				return
			}
		}
		t.Fatalf("%v %q not found in %q: findings %v", kind, number, text, fs)
	})
}

// embedded returns a valid number and its kind, chosen and written by
// which, with digits from seed.
func embedded(t *testing.T, which uint8, seed uint64) (Kind, string) {
	day := int(seed%28) + 1
	month := int(seed/28%12) + 1
	ind := 500 + int(seed/336%400)
	digits := fmt.Sprintf("%016d", seed%1e16)
	switch which % 13 {
	case 0:
		return Fodselsnummer, person(t, day, month, ind)
	case 1:
		f := person(t, day, month, ind)
		return Fodselsnummer, f[:6] + " " + f[6:]
	case 2:
		f := person(t, day, month+40*int(seed%3), ind)
		return Fodselsnummer, grouped(f, ".", 2, 2, 2)[:8] + " " + f[6:]
	case 3:
		return DNummer, person(t, day+40, month, ind)
	case 4:
		d := person(t, day+40, month+80, ind)
		return DNummer, d[:6] + "." + d[6:]
	case 5:
		return Account, account(t, int(seed%1e6))
	case 6:
		return Account, grouped(account(t, int(seed%1e6)), ".", 4, 2)
	case 7:
		c := "4" + digits[:14]
		return Card, grouped(c+luhnDigit(c), " ", 4, 4, 4)
	case 8:
		c := "5" + digits[:14]
		return Card, c + luhnDigit(c)
	case 9:
		return Phone, "9" + digits[:2] + " " + digits[2:4] + " " + digits[4:7]
	case 10:
		if digits[:8] == "22400040" {
			return Phone, "+47 91234567"
		}
		return Phone, "+47 2" + digits[1:3] + " " + digits[3:5] + " " + digits[5:8]
	case 11:
		a := account(t, int(seed%1e6))
		check := 98 - refMod97(a+"2324"+"00")
		return Account, grouped(fmt.Sprintf("NO%02d%s", check, a), " ", 4, 4, 4)
	default:
		return Email, "u" + digits[:6] + "@example.no"
	}
}

// FuzzValidators compares the validators with reference versions, on the
// raw input and on the input turned into digits.
func FuzzValidators(f *testing.F) {
	for _, s := range []string{"01023950096", "12345678903", "4111111111111111", "41023950160", "290240", "9386011117947", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := []byte(s)
		for i := range b {
			b[i] = '0' + b[i]%10
		}
		for _, d := range []string{s, string(b)} {
			digitsOnly := d != "" && strings.Trim(d, "0123456789") == ""
			n11 := len(d) == 11 && digitsOnly
			if got, want := ValidFodselsnummer(d), n11 && refPerson(d, 0); got != want {
				t.Fatalf("ValidFodselsnummer(%q) = %v", d, got)
			}
			if got, want := ValidDNummer(d), n11 && refPerson(d, 40); got != want {
				t.Fatalf("ValidDNummer(%q) = %v", d, got)
			}
			if got, want := ValidAccount(d), n11 && refMod11(d[:10], testW2) == int(d[10]-'0'); got != want {
				t.Fatalf("ValidAccount(%q) = %v", d, got)
			}
			if got, want := ValidLuhn(d), digitsOnly && refLuhn(d); got != want {
				t.Fatalf("ValidLuhn(%q) = %v", d, got)
			}
			n13 := len(d) == 13 && digitsOnly
			if got, want := validIBAN(d), n13 && refMod11(d[2:12], testW2) == int(d[12]-'0') && refMod97(d[2:]+"2324"+d[:2]) == 1; got != want {
				t.Fatalf("validIBAN(%q) = %v", d, got)
			}
		}
	})
}

// FuzzParseKinds checks that ParseKinds never panics and that a parsed set
// reads back from its String.
func FuzzParseKinds(f *testing.F) {
	for _, s := range []string{"fnr,dnr,account,card,phone,email", "all", "none", "", "fnr,,x", " Card , EMAIL "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		set, err := ParseKinds(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		if set&^All != 0 {
			t.Fatalf("ParseKinds(%q) = %b outside All", s, set)
		}
		back, err := ParseKinds(set.String())
		if err != nil || back != set {
			t.Fatalf("ParseKinds(%q) = %s, which reads back as %s, %v", s, set, back, err)
		}
	})
}
