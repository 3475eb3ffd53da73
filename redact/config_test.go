package redact

import (
	"strings"
	"testing"
)

func TestKinds(t *testing.T) {
	nums := numbers(t)
	in := nums.Replace("fnr {F} dnr {D} konto 1234.56.78903 kort 4111 1111 1111 1111 tlf 912 34 567 ola@example.com")
	tests := []struct {
		name  string
		kinds []Kind
		want  string
	}{
		{"none", nil, in},
		{"fnr only", []Kind{Fodselsnummer}, nums.Replace("fnr [fødselsnummer] dnr {D} konto 1234.56.78903 kort 4111 1111 1111 1111 tlf 912 34 567 ola@example.com")},
		{"dnr only", []Kind{DNummer}, nums.Replace("fnr {F} dnr [d-nummer] konto 1234.56.78903 kort 4111 1111 1111 1111 tlf 912 34 567 ola@example.com")},
		// a fødselsnummer is a fødselsnummer even when only accounts are redacted
		{"account only", []Kind{Account}, nums.Replace("fnr {F} dnr {D} konto [kontonummer] kort 4111 1111 1111 1111 tlf 912 34 567 ola@example.com")},
		{"card only", []Kind{Card}, nums.Replace("fnr {F} dnr {D} konto 1234.56.78903 kort [kortnummer] tlf 912 34 567 ola@example.com")},
		{"phone only", []Kind{Phone}, nums.Replace("fnr {F} dnr {D} konto 1234.56.78903 kort 4111 1111 1111 1111 tlf [telefonnummer] ola@example.com")},
		{"email only", []Kind{Email}, nums.Replace("fnr {F} dnr {D} konto 1234.56.78903 kort 4111 1111 1111 1111 tlf 912 34 567 [e-post]")},
		{"all", All.Kinds(), "fnr [fødselsnummer] dnr [d-nummer] konto [kontonummer] kort [kortnummer] tlf [telefonnummer] [e-post]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New(tt.kinds...)
			if r.Kinds() != NewSet(tt.kinds...) {
				t.Errorf("Kinds() = %s", r.Kinds())
			}
			got, fs := r.Redact(in)
			if got != tt.want {
				t.Fatalf("got  %q\nwant %q", got, tt.want)
			}
			checkFindings(t, in, got, fs)
		})
	}
}

func TestKeep(t *testing.T) {
	r := NewConfig(Config{Kinds: All, Keep: []string{"+47 22 00 00 00", "Kundeservice@Example.com", "1234.56.78903"}})
	tests := []struct {
		name, in, want string
	}{
		{"kept phone", "Ring oss på 22 00 00 00", "Ring oss på 22 00 00 00"},
		{"kept phone with prefix", "+4722000000", "+4722000000"},
		{"kept email, other case", "kundeservice@example.com", "kundeservice@example.com"},
		{"kept account", "konto 1234 56 78903", "konto 1234 56 78903"},
		{"other phone", "Ring meg på 22 00 00 01", "Ring meg på [telefonnummer]"},
		{"other email", "kari@example.com", "[e-post]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.String(tt.in); got != tt.want {
				t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNoCopyWhenClean(t *testing.T) {
	in := strings.Repeat("Hvordan endrer jeg adressen min? ", 10)
	r := New(All.Kinds()...)
	got, fs := r.Redact(in)
	if got != in || fs != nil {
		t.Fatalf("clean text changed: %q, %v", got, fs)
	}
	if n := testing.AllocsPerRun(100, func() { r.Redact(in) }); n != 0 {
		t.Errorf("allocations on clean text = %v, want 0", n)
	}
}
