package redact

import (
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
)

func TestParseKinds(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Set
		wantErr string // substring of the error
	}{
		{name: "every name", in: "fnr,dnr,account,card,phone,email", want: All},
		{name: "all", in: "all", want: All},
		{name: "empty means all", in: "", want: All},
		{name: "blank means all", in: "  ", want: All},
		{name: "none", in: "none", want: 0},
		{name: "none with spaces and case", in: " None ", want: 0},
		{name: "some, spaced, mixed case", in: " FNR , Email ", want: NewSet(Fodselsnummer, Email)},
		{name: "repeat", in: "card,card", want: NewSet(Card)},
		{name: "all and a name", in: "all,phone", want: All},
		{name: "unknown name", in: "fnr,fodselsnummer", wantErr: `item 2 of 2: unknown identifier kind "fodselsnummer": valid kinds are fnr, dnr, account, card, phone, email (or all, none)`},
		{name: "typo", in: "fnr,dnr,acount", wantErr: `item 3 of 3: unknown identifier kind "acount"`},
		{name: "empty item", in: "fnr,,card", wantErr: `empty item 2 of 3 in "fnr,,card": remove the extra comma`},
		{name: "trailing comma", in: "fnr,", wantErr: `empty item 2 of 2`},
		{name: "none with others", in: "none,fnr", wantErr: `"none,fnr": "none" cannot be combined with other kinds`},
		{name: "semicolon", in: "fnr;dnr", wantErr: `unknown identifier kind "fnr;dnr"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseKinds(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseKinds(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseKinds(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Fatalf("ParseKinds(%q) = %s, want %s", tt.in, got, tt.want)
			}
			back, err := ParseKinds(got.String())
			if err != nil || back != got {
				t.Fatalf("round trip of %s = %s, %v", got, back, err)
			}
		})
	}
}

func TestSetString(t *testing.T) {
	tests := []struct {
		name string
		set  Set
		want string
	}{
		{"all", All, "all"},
		{"none", 0, "none"},
		{"canonical order", NewSet(Email, Fodselsnummer, Card), "fnr,card,email"},
		{"invalid kinds ignored", NewSet(0, 200, Phone), "phone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.set.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestKindText(t *testing.T) {
	tests := []struct {
		kind              Kind
		name, placeholder string
	}{
		{Fodselsnummer, "fnr", "[fødselsnummer]"},
		{DNummer, "dnr", "[d-nummer]"},
		{Account, "account", "[kontonummer]"},
		{Card, "card", "[kortnummer]"},
		{Phone, "phone", "[telefonnummer]"},
		{Email, "email", "[e-post]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.kind.String() != tt.name || tt.kind.Placeholder() != tt.placeholder {
				t.Errorf("%d: String %q Placeholder %q", tt.kind, tt.kind.String(), tt.kind.Placeholder())
			}
			b, err := json.Marshal(Finding{Kind: tt.kind, Start: 1, End: 2})
			if err != nil {
				t.Fatal(err)
			}
			var f Finding
			if err := json.Unmarshal(b, &f); err != nil || f.Kind != tt.kind {
				t.Errorf("JSON %s decoded to %+v, %v", b, f, err)
			}
		})
	}
	if _, err := Kind(0).MarshalText(); err == nil {
		t.Error("MarshalText of Kind(0) did not fail")
	}
}

func TestFindingLogValue(t *testing.T) {
	var buf strings.Builder
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}}))
	log.Info("redacted", "finding", Finding{Kind: Fodselsnummer, Start: 4, End: 15})
	if got, want := buf.String(), "level=INFO msg=redacted finding.kind=fnr finding.start=4 finding.end=15\n"; got != want {
		t.Errorf("log line = %q, want %q", got, want)
	}
}
