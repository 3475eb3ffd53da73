package redact

import (
	"strings"
	"testing"
)

// numbers returns a replacer for the test templates: {F} fødselsnummer,
// {D} D-nummer, {H} H-nummer, {S} synthetic, {A} account, {K1} fødselsnummer
// with a wrong first or second check digit ({K1}, {K2}; valid as nothing),
// {F425} the fødselsnummer in account grouping 1234.56.78903, {T} a Luhn-valid 16-digit number
// starting with 7 (a parcel number, not a card), {C19} a 19-digit card,
// {KID} a Luhn-valid 13-digit payment reference.
func numbers(t *testing.T) *strings.Replacer {
	f := person(t, 1, 2, 500)
	return strings.NewReplacer(
		"{F}", f,
		"{F6}", f[:6], "{F5}", f[6:], "{F425}", grouped(f, ".", 4, 2),
		"{D}", person(t, 41, 2, 500),
		"{H}", person(t, 1, 42, 500),
		"{S}", person(t, 1, 82, 500),
		"{A}", account(t, 123),
		"{K1}", flip(f, 9),
		"{K2}", flip(f, 10),
		"{T}", "707012345678901"+luhnDigit("707012345678901"),
		"{C19}", "457100000000000000"+luhnDigit("457100000000000000"),
		"{KID}", "234567890123"+luhnDigit("234567890123"),
	)
}

func TestRedact(t *testing.T) {
	nums := numbers(t)
	tests := []struct {
		name string
		in   string
		want string
	}{
		// fødselsnummer and D-nummer
		{"fnr in a sentence", "Fødselsnummeret mitt er {F}, takk.", "Fødselsnummeret mitt er [fødselsnummer], takk."},
		{"fnr with space", "Fnr {F6} {F5} her", "Fnr [fødselsnummer] her"},
		{"fnr with dot", "Fnr {F6}.{F5} her", "Fnr [fødselsnummer] her"},
		{"fnr with dotted date", "Født 01.02.39 {F5}", "Født [fødselsnummer]"},
		{"fnr with hyphen", "{F6}-{F5}", "[fødselsnummer]"},
		{"fnr alone", "{F}", "[fødselsnummer]"},
		{"fnr at the start", "{F} er mitt", "[fødselsnummer] er mitt"},
		{"fnr at the end with full stop", "fnr:{F}.", "fnr:[fødselsnummer]."},
		{"fnr in parentheses", "({F})", "([fødselsnummer])"},
		{"fnr glued to letters", "fnr{F}kr", "fnr[fødselsnummer]kr"},
		{"fnr between non-ASCII", "Ærlig talt – «{F}» – øæå", "Ærlig talt – «[fødselsnummer]» – øæå"},
		{"fnr after no-break space", "fnr\u00a0{F6}\u00a0{F5}", "fnr\u00a0[fødselsnummer]"},
		{"fnr on its own line", "Hei\n{F}\nHilsen Kari", "Hei\n[fødselsnummer]\nHilsen Kari"},
		{"dnr", "D-nummer {D}.", "D-nummer [d-nummer]."},
		{"H-nummer", "H-nummer {H}", "H-nummer [fødselsnummer]"},
		{"synthetic test number", "testperson {S}", "testperson [fødselsnummer]"},
		{"two numbers", "{F} og {D}", "[fødselsnummer] og [d-nummer]"},
		{"two numbers joined by a space", "{F} {D}", "[fødselsnummer] [d-nummer]"},
		{"wrong first check digit stays", "fnr {K1}", "fnr {K1}"},
		{"wrong second check digit stays", "fnr {K2}", "fnr {K2}"},
		{"inside a longer digit run", "9{F} og {F}0", "9{F} og {F}0"},
		{"order number stays", "Ordrenummer 12345678901 er sendt", "Ordrenummer 12345678901 er sendt"},
		{"ten digits stay", "ref 0102395000", "ref 0102395000"},
		// accounts
		{"account dotted", "Kontonummer: 1234.56.78903.", "Kontonummer: [kontonummer]."},
		{"account spaced", "konto 1234 56 78903", "konto [kontonummer]"},
		{"account plain", "til {A} i dag", "til [kontonummer] i dag"},
		{"fnr plain wins over account", "konto {F}", "konto [fødselsnummer]"},
		{"account grouping wins over fnr", "konto {F425}", "konto [kontonummer]"},
		{"account wrong check digit stays", "1234.56.78904", "1234.56.78904"},
		{"fnr, dnr and account", "fnr {F}, dnr {D}, konto {A}", "fnr [fødselsnummer], dnr [d-nummer], konto [kontonummer]"},
		{"IBAN grouped", "IBAN: NO93 8601 1117 947.", "IBAN: [kontonummer]."},
		{"IBAN plain", "no9386011117947", "[kontonummer]"},
		{"IBAN wrong check digits stays", "NO94 8601 1117 947", "NO94 8601 1117 947"},
		{"IBAN inside a word stays", "KASINO9386011117947", "KASINO9386011117947"},
		{"IBAN after a number stays", "91234567no9386011117947", "[telefonnummer]no9386011117947"},
		{"KID account-like stays", "KID-nummer: {A}", "KID-nummer: {A}"},
		{"order number account-like stays", "Ordrenr. {A}", "Ordrenr. {A}"},
		{"account after kontonummer", "Kontonummer {A}", "Kontonummer [kontonummer]"},
		{"fnr after a reference word", "fakturanummer {F}", "fakturanummer [fødselsnummer]"},
		{"account when the reference word is not the last", "ordre 12 til konto {A}", "ordre 12 til konto [kontonummer]"},
		// cards
		{"card spaced", "Kort: 4111 1111 1111 1111.", "Kort: [kortnummer]."},
		{"card hyphens", "4111-1111-1111-1111", "[kortnummer]"},
		{"card plain", "kortet 4111111111111111 ble avvist", "kortet [kortnummer] ble avvist"},
		{"card Mastercard", "5555 5555 5555 4444", "[kortnummer]"},
		{"card Mastercard 2-series", "2223 0031 2200 3222", "[kortnummer]"},
		{"card Amex 4-6-5", "Amex 3782 822463 10005", "Amex [kortnummer]"},
		{"card 19 digits", "{C19}", "[kortnummer]"},
		{"card with expiry", "4111 1111 1111 1111 12/27 cvc", "[kortnummer] 12/27 cvc"},
		{"card Luhn wrong stays whole", "4111 1111 1111 1112", "4111 1111 1111 1112"},
		{"card-like parcel number stays", "Sporing {T}", "Sporing {T}"},
		{"card in longer run stays", "94111111111111111", "94111111111111111"},
		{"KID card-like stays", "KID {KID}", "KID {KID}"},
		{"KID number card-like stays", "Betal med KID nummer {KID}.", "Betal med KID nummer {KID}."},
		{"card after kortnummer", "Kortnummer {KID}", "Kortnummer [kortnummer]"},
		{"card grouped after KID", "KID 4111 1111 1111 1111", "KID [kortnummer]"},
		{"KID keeps only the first number", "KID {KID} {KID}", "KID {KID} [kortnummer]"},
		{"KID keeps nothing after a redacted number", "Ordrenr{F} {KID}", "Ordrenr[fødselsnummer] [kortnummer]"},
		{"KID after a grouped card", "KID 4111 1111 1111 1111 {KID}", "KID [kortnummer] [kortnummer]"},
		{"card when the reference word is not the last", "Jeg betalte ordre 123 med 4111111111111111", "Jeg betalte ordre 123 med [kortnummer]"},
		// phones
		{"mobile +47 grouped", "Ring +47 912 34 567 i dag", "Ring [telefonnummer] i dag"},
		{"mobile +47 glued", "+4791234567", "[telefonnummer]"},
		{"mobile 0047", "0047 91234567", "[telefonnummer]"},
		{"mobile 47", "47 91234567", "[telefonnummer]"},
		{"mobile plain", "nås på 91234567.", "nås på [telefonnummer]."},
		{"mobile plain alone", "41234567", "[telefonnummer]"},
		{"mobile grouped", "912 34 567", "[telefonnummer]"},
		{"mobile 2-2-2-2", "91 23 45 67", "[telefonnummer]"},
		{"mobile hyphens", "912-34-567", "[telefonnummer]"},
		{"mobile in parentheses", "(+47) 91234567", "(+47) [telefonnummer]"},
		{"landline after (+47)", "(+47) 22 00 00 00", "(+47) [telefonnummer]"},
		{"landline after (0047)", "(0047)22000000", "(0047)[telefonnummer]"},
		{"landline after (+46) stays", "(+46) 22 00 00 00", "(+46) 22 00 00 00"},
		{"mobile 4-4 after mob", "mob: 9123 4567", "mob: [telefonnummer]"},
		{"mobile 4-4 with +47", "+47 9123 4567", "[telefonnummer]"},
		{"mobile 4-4 alone stays", "9123 4567", "9123 4567"},
		{"landline with +47", "+47 22 00 00 00", "[telefonnummer]"},
		{"landline after tlf", "Tlf: 22 00 00 00", "Tlf: [telefonnummer]"},
		{"landline after Tlf.", "Tlf. 22 00 00 00", "Tlf. [telefonnummer]"},
		{"landline after ring", "Ring meg på 22 00 00 00 etter kl. 16", "Ring meg på [telefonnummer] etter kl. 16"},
		{"landline nynorsk", "Du kan ringje meg på 55 12 34 56", "Du kan ringje meg på [telefonnummer]"},
		{"landline on the next line", "Telefon:\n23 45 67 89", "Telefon:\n[telefonnummer]"},
		{"two phones", "tlf 22 00 00 00 eller 23 45 67 89", "tlf [telefonnummer] eller [telefonnummer]"},
		{"landline alone stays", "22 00 00 00", "22 00 00 00"},
		{"landline plain stays", "Ordre 23456789", "Ordre 23456789"},
		{"landline after a sentence end stays", "Ring meg. Saken gjelder 23456789", "Ring meg. Saken gjelder 23456789"},
		{"landline too far from the hint stays", "Jeg har ringt mange ganger uten svar i hele dag, men 23456789", "Jeg har ringt mange ganger uten svar i hele dag, men 23456789"},
		{"order number hint keeps plain mobile", "Ordrenummer 45678901", "Ordrenummer 45678901"},
		{"order number hint after phone hint", "Ring meg om ordrenummer 45678901", "Ring meg om ordrenummer 45678901"},
		{"order number hint does not keep grouped mobile", "ordrenummer 912 34 567", "ordrenummer [telefonnummer]"},
		{"Kirkens SOS is kept", "Ring Kirkens SOS på 22 40 00 40", "Ring Kirkens SOS på 22 40 00 40"},
		{"short crisis numbers stay", "Ring 116 123 eller 113", "Ring 116 123 eller 113"},
		{"landline shape is not cut", "23 45 67 89 12", "23 45 67 89 12"},
		{"Swedish number stays", "+46 70 123 45 67", "+46 70 123 45 67"},
		{"nine digits stay", "123456789", "123456789"},
		{"subscriber numbers start with 2-9", "tlf 12345678", "tlf 12345678"},
		// amounts, years, dates and times
		{"amount", "Det koster kr 1 234 567 i år", "Det koster kr 1 234 567 i år"},
		{"amount with decimals", "kr 4 999,50", "kr 4 999,50"},
		{"year", "I 2024 og 2025", "I 2024 og 2025"},
		{"date", "Betalt 01.02.2024 kl. 10.15", "Betalt 01.02.2024 kl. 10.15"},
		{"ISO date", "2024-01-15", "2024-01-15"},
		{"compact date", "dato 20240115", "dato 20240115"},
		{"IP address", "192.168.10.123", "192.168.10.123"},
		// e-mail
		{"email", "Skriv til ola.nordmann@example.com.", "Skriv til [e-post]."},
		{"email with plus and subdomain", "kari+test@mail.example.org", "[e-post]"},
		{"email in parentheses", "(ola@example.com)", "([e-post])"},
		{"email non-ASCII", "bjørn.æsøy@blåbær.example", "[e-post]"},
		{"email with digits is not cut", "ola91234567@example.com", "[e-post]"},
		{"email with fnr-like local part", "{F}@example.com", "[e-post]"},
		{"two emails", "a@example.com, b@example.org", "[e-post], [e-post]"},
		{"no domain dot stays", "ola@localhost", "ola@localhost"},
		{"one-letter TLD stays", "ola@example.c", "ola@example.c"},
		{"handle stays", "@los_bot", "@los_bot"},
		{"number beside a bad address is not cut", "91234567@", "91234567@"},
		{"address after a trimmed hyphen", "tlf@example.com-@example.com", "[e-post][e-post]"},
		// mixed
		{
			"everything in one message",
			"Hei! Jeg heter Kari, fnr {F}. Konto 1234.56.78903, kort 4111 1111 1111 1111, mobil +47 912 34 567, e-post kari@example.no. Mvh",
			"Hei! Jeg heter Kari, fnr [fødselsnummer]. Konto [kontonummer], kort [kortnummer], mobil [telefonnummer], e-post [e-post]. Mvh",
		},
		{"nothing to redact", "Hvordan endrer jeg adressen min?", "Hvordan endrer jeg adressen min?"},
		{"placeholders stay", "[fødselsnummer] [telefonnummer]", "[fødselsnummer] [telefonnummer]"},
	}
	r := New(All.Kinds()...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, want := nums.Replace(tt.in), nums.Replace(tt.want)
			got, findings := r.Redact(in)
			if got != want {
				t.Fatalf("Redact(%q)\n got %q\nwant %q", in, got, want)
			}
			checkFindings(t, in, got, findings)
			if again := r.String(got); again != got {
				t.Errorf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}

// checkFindings checks that the findings are ordered, inside the input, and
// that putting their placeholders into the input gives the output.
func checkFindings(t *testing.T, in, out string, fs []Finding) {
	t.Helper()
	var b strings.Builder
	prev := 0
	for _, f := range fs {
		if f.Start < prev || f.End <= f.Start || f.End > len(in) {
			t.Fatalf("finding %+v out of order or range (prev end %d, len %d)", f, prev, len(in))
		}
		b.WriteString(in[prev:f.Start])
		b.WriteString(f.Kind.Placeholder())
		prev = f.End
	}
	b.WriteString(in[prev:])
	if b.String() != out {
		t.Fatalf("findings rebuild %q, output is %q", b.String(), out)
	}
}

func TestFindings(t *testing.T) {
	nums := numbers(t)
	in := nums.Replace("fnr {F}, tlf +47 912 34 567, e-post ola@example.com")
	_, got := New(All.Kinds()...).Redact(in)
	span := func(k Kind, s string) Finding {
		i := strings.Index(in, s)
		return Finding{Kind: k, Start: i, End: i + len(s)}
	}
	want := []Finding{
		span(Fodselsnummer, nums.Replace("{F}")),
		span(Phone, "+47 912 34 567"),
		span(Email, "ola@example.com"),
	}
	if len(got) != len(want) {
		t.Fatalf("findings = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("finding %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestLongInputs: 400 kB of each repeated unit that could make a pattern
// backtrack is redacted, and redacting the result changes nothing. How
// long it takes is BenchmarkLongInputs's (no timed assertions in tests;
// about 5 ms each, where a quadratic scan would run past the suite's
// timeout).
func TestLongInputs(t *testing.T) {
	r := New(All.Kinds()...)
	for _, unit := range []string{"a@", "@", "1 ", "4111 ", "22 ", "tlf 22 ", "x@y.", "1@1.", "[", "ø", "1.", "91234567 "} {
		t.Run(unit, func(t *testing.T) {
			text := strings.Repeat(unit, 400000/len(unit))
			out, _ := r.Redact(text)
			if again := r.String(out); again != out {
				t.Error("not idempotent")
			}
		})
	}
}

// BenchmarkLongInputs: 400 kB of repeated pattern starts, per unit; the
// time should grow linearly with the input (go test -bench LongInputs
// -benchtime 5x ./redact).
func BenchmarkLongInputs(b *testing.B) {
	r := New(All.Kinds()...)
	for _, unit := range []string{"a@", "1 ", "4111 ", "tlf 22 ", "x@y.", "91234567 "} {
		text := strings.Repeat(unit, 400000/len(unit))
		b.Run(unit, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				r.Redact(text)
			}
		})
	}
}
