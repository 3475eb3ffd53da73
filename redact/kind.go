package redact

import (
	"fmt"
	"strings"
)

// Kind is a kind of personal identifier.
type Kind uint8

// The identifier kinds, in the order they are listed and parsed.
const (
	Fodselsnummer Kind = iota + 1 // fødselsnummer (also H-nummer and synthetic test numbers)
	DNummer                       // D-nummer
	Account                       // bank account number (kontonummer)
	Card                          // payment card number
	Phone                         // Norwegian phone number
	Email                         // e-mail address
)

// kinds lists every kind in canonical order.
var kinds = [...]Kind{Fodselsnummer, DNummer, Account, Card, Phone, Email}

var kindNames = [...]string{
	Fodselsnummer: "fnr",
	DNummer:       "dnr",
	Account:       "account",
	Card:          "card",
	Phone:         "phone",
	Email:         "email",
}

var placeholders = [...]string{
	Fodselsnummer: "[fødselsnummer]",
	DNummer:       "[d-nummer]",
	Account:       "[kontonummer]",
	Card:          "[kortnummer]",
	Phone:         "[telefonnummer]",
	Email:         "[e-post]",
}

func (k Kind) valid() bool { return k >= Fodselsnummer && k <= Email }

// String returns the short name used in configuration: "fnr", "dnr",
// "account", "card", "phone" or "email".
func (k Kind) String() string {
	if !k.valid() {
		return fmt.Sprintf("Kind(%d)", uint8(k))
	}
	return kindNames[k]
}

// Placeholder returns the text that replaces an identifier of this kind,
// for example "[fødselsnummer]".
func (k Kind) Placeholder() string {
	if !k.valid() {
		return "[redacted]"
	}
	return placeholders[k]
}

// MarshalText encodes the kind as its short name, so findings log and
// serialise as "fnr" rather than a number.
func (k Kind) MarshalText() ([]byte, error) {
	if !k.valid() {
		return nil, fmt.Errorf("redact: invalid kind %d", uint8(k))
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText decodes a short name written by MarshalText.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// ParseKind parses one short name, case-insensitively.
func ParseKind(s string) (Kind, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	for _, k := range kinds {
		if kindNames[k] == name {
			return k, nil
		}
	}
	return 0, fmt.Errorf("unknown identifier kind %q: valid kinds are %s", s, validNames)
}

const validNames = "fnr, dnr, account, card, phone, email (or all, none)"

// Set is a set of kinds.
type Set uint8

// All holds every kind.
const All = Set(1<<Fodselsnummer | 1<<DNummer | 1<<Account | 1<<Card | 1<<Phone | 1<<Email)

// NewSet returns the set holding kinds. Invalid kinds are ignored.
func NewSet(ks ...Kind) Set {
	var s Set
	for _, k := range ks {
		if k.valid() {
			s |= 1 << k
		}
	}
	return s
}

// Has reports whether k is in s.
func (s Set) Has(k Kind) bool { return k.valid() && s&(1<<k) != 0 }

// Kinds lists the kinds in s in canonical order.
func (s Set) Kinds() []Kind {
	var out []Kind
	for _, k := range kinds {
		if s.Has(k) {
			out = append(out, k)
		}
	}
	return out
}

// String returns s as ParseKinds reads it: "all", "none", or a comma list
// in canonical order such as "fnr,dnr,email".
func (s Set) String() string {
	switch s & All {
	case All:
		return "all"
	case 0:
		return "none"
	}
	names := make([]string, 0, len(kinds))
	for _, k := range s.Kinds() {
		names = append(names, kindNames[k])
	}
	return strings.Join(names, ",")
}

// ParseKinds parses a comma-separated list of kind names, as operators write
// it in LOS_REDACT: "fnr,dnr,account,card,phone,email". Names are
// case-insensitive and may be surrounded by spaces; repeats are allowed.
// "all" selects every kind and "none" disables redaction; "none" cannot be
// combined with other names. The empty string means the default, "all",
// so that privacy never depends on a variable being set.
func ParseKinds(s string) (Set, error) {
	if strings.TrimSpace(s) == "" {
		return All, nil
	}
	var set Set
	none := false
	items := strings.Split(s, ",")
	for i, item := range items {
		name := strings.ToLower(strings.TrimSpace(item))
		switch name {
		case "":
			return 0, fmt.Errorf("empty item %d of %d in %q: remove the extra comma", i+1, len(items), s)
		case "all":
			set |= All
			continue
		case "none":
			none = true
			continue
		}
		k, err := ParseKind(item)
		if err != nil {
			return 0, fmt.Errorf("item %d of %d: %w", i+1, len(items), err)
		}
		set |= NewSet(k)
	}
	if none && len(items) > 1 {
		return 0, fmt.Errorf("%q: \"none\" cannot be combined with other kinds", s)
	}
	return set, nil
}
