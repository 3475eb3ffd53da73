package redact

import (
	"strings"
	"testing"
)

// message builds a customer message of about n bytes from Norwegian
// sentences; with ids it has identifiers of every kind, and numbers that
// must stay (amounts, dates, years, order numbers) either way.
func message(n int, ids bool) string {
	plain := []string{
		"Hei, jeg har et spørsmål om fakturaen min for mars. ",
		"Beløpet var kr 1 234,50 og forfallsdato 15.03.2024, men jeg betalte 2 999 kr i 2023. ",
		"Ordrenummer 45678901 kom ikke fram, og sporingen viser bare at pakken står på terminalen. ",
		"Kan dere sjekke hva som har skjedd? Jeg har ventet i over to uker nå og er ganske lei. ",
		"Eg lurer òg på korleis eg kan endre adressa mi, for eg har flytta til Bergen. ",
	}
	withIDs := []string{
		"Fødselsnummeret mitt er 01023950096, D-nummeret 41023950160 og kontonummeret 1234.56.78903. ",
		"Ring meg gjerne på +47 912 34 567 eller tlf. 22 00 00 00 etter kl. 16. ",
		"Kortet 4111 1111 1111 1111 ble trukket to ganger, kvittering til kari.nordmann@example.no. ",
	}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(plain[i%len(plain)])
		if ids && i%3 == 2 {
			b.WriteString(withIDs[i/3%len(withIDs)])
		}
	}
	return b.String()[:n]
}

// BenchmarkRedact measures a 4,000-byte message with identifiers, one
// without, and one made of digits and separators only.
func BenchmarkRedact(b *testing.B) {
	r := New(All.Kinds()...)
	digits := strings.Repeat("12 345 678 90 1.2.3 2024-01-15 ", 200)[:4000]
	for _, bc := range []struct{ name, text string }{
		{"identifiers", message(4000, true)},
		{"clean", message(4000, false)},
		{"digits", digits},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.text)))
			b.ReportAllocs()
			for b.Loop() {
				r.Redact(bc.text)
			}
		})
	}
}

func TestBenchmarkMessages(t *testing.T) {
	_, fs := New(All.Kinds()...).Redact(message(4000, true))
	kinds := map[Kind]bool{}
	for _, f := range fs {
		kinds[f.Kind] = true
	}
	if len(kinds) != 6 {
		t.Errorf("benchmark message has kinds %v, want all six", kinds)
	}
	if _, fs := New(All.Kinds()...).Redact(message(4000, false)); len(fs) != 0 {
		t.Errorf("clean benchmark message has findings %v", fs)
	}
}
